// In-text citations by citeproc-js (the engine inside Zotero), for the golden files.
// usage: node cite_js.js ITEMS.json CLUSTERS.json STYLE.csl LOCALES_DIR text|html > out.json
// CLUSTERS.json: [[{"id": ..., "locator"?: ..., "label"?: ...}, ...], ...] in document order.
// Prints a JSON list with each citation's final text (later clusters may update earlier ones,
// e.g. when disambiguation changes; the last version is kept, as a word processor would show it).
const fs = require('fs');
const path = require('path');
const CSL = require(process.env.CITEPROC_JS || 'citeproc');
const [itemsPath, clustersPath, stylePath, locDir, fmt] = process.argv.slice(2);
const data = JSON.parse(fs.readFileSync(itemsPath, 'utf8'));
const clusters = JSON.parse(fs.readFileSync(clustersPath, 'utf8'));
const byId = {};
data.forEach(it => { byId[it.id] = it; });
const sys = {
  retrieveLocale: l => { try { return fs.readFileSync(path.join(locDir, `locales-${l}.xml`), 'utf8'); } catch (e) { return false; } },
  retrieveItem: id => byId[id],
};
const engine = new CSL.Engine(sys, fs.readFileSync(stylePath, 'utf8'), 'en-US');
engine.setOutputFormat(fmt || 'text');
// Every item of the set is registered first: the whole bibliography takes part in
// disambiguation and numbering, as it does for annobib's render_citations.
engine.updateItems(data.map(d => d.id));
const texts = new Array(clusters.length).fill(null);
const pre = [];
clusters.forEach((cites, n) => {
  const citation = { citationID: `c${n}`, citationItems: cites, properties: { noteIndex: 0 } };
  const [, updates] = engine.processCitationCluster(citation, pre, []);
  updates.forEach(([index, text]) => { texts[index] = text; });
  pre.push([`c${n}`, 0]);
});
process.stdout.write(JSON.stringify(texts));

// Citation clusters by citeproc-js as a word processor makes them, for tests/golden_citations.
// usage: node cite_clusters_js.js INPUT.json STYLE.csl LOCALES_DIR text|html [LANG] > out.json
// INPUT.json: {"items": [CSL-JSON, in order of first citation, then uncited ones],
//              "uncited": [ids], "clusters": [[cite, ...] | {"citationItems": [...], "properties": {...}}]}
// A cite is citeproc-js's citationItem: id, locator, label, prefix, suffix, suppress-author, author-only.
// Prints a JSON list with each cluster's final text: later clusters may update earlier ones
// (disambiguation, numbering); the last version is kept, as the document would show it.
const fs = require('fs');
const path = require('path');
const CSL = require(process.env.CITEPROC_JS || 'citeproc');
const [inputPath, stylePath, locDir, fmt, lang] = process.argv.slice(2);
const input = JSON.parse(fs.readFileSync(inputPath, 'utf8'));
const byId = {};
input.items.forEach(it => { byId[it.id] = it; });
const sys = {
  retrieveLocale: l => { try { return fs.readFileSync(path.join(locDir, `locales-${l}.xml`), 'utf8'); } catch (e) { return false; } },
  retrieveItem: id => byId[id],
};
const engine = new CSL.Engine(sys, fs.readFileSync(stylePath, 'utf8'), lang || 'en-US', !!lang);
engine.setOutputFormat(fmt || 'text');
// The bibliography is the cited items (in order of first citation) and the uncited ones, as in a
// document: they all take part in disambiguation; numbering follows the citations.
const uncited = new Set(input.uncited || []);
engine.updateItems(input.items.map(d => d.id).filter(id => !uncited.has(id)));
if (uncited.size) engine.updateUncitedItems([...uncited]);
const texts = new Array(input.clusters.length).fill(null);
const pre = [];
input.clusters.forEach((cluster, n) => {
  const citation = Array.isArray(cluster)
    ? { citationItems: cluster, properties: { noteIndex: 0 } }
    : { citationItems: cluster.citationItems, properties: cluster.properties || { noteIndex: 0 } };
  citation.citationID = `c${n}`;
  const [, updates] = engine.processCitationCluster(citation, pre, []);
  updates.forEach(([index, text]) => { texts[index] = text; });
  pre.push([`c${n}`, citation.properties.noteIndex || 0]);
});
process.stdout.write(JSON.stringify(texts));

// A bibliography as Zotero prints it: citeproc-js with the settings Zotero gives it.
// usage: node zotero_js.js ITEMS.json STYLE.csl LOCALES_DIR [text|html] > out.json
// Prints {"order": [ids...], "entries": {id: rendered}} like the shared render_js.js, with
// uppercase_subtitles set as Zotero's style.js sets it (from the style's short id, or its
// independent parent's) and wrap_url_and_doi on, as Zotero's getCiteProc does.
const fs = require('fs');
const path = require('path');
const CSL = require(process.env.CITEPROC_JS || 'citeproc');
const [itemsPath, stylePath, locDir, fmt] = process.argv.slice(2);
const data = JSON.parse(fs.readFileSync(itemsPath, 'utf8'));
const style = fs.readFileSync(stylePath, 'utf8');
const byId = {};
data.forEach(it => { byId[it.id] = it; });
const shortIds = [/<id>([^<]*)<\/id>/, /<link[^>]*rel="independent-parent"[^>]*href="([^"]*)"/,
                  /<link[^>]*href="([^"]*)"[^>]*rel="independent-parent"/]
  .map(re => (style.match(re) || [])[1]).filter(Boolean).map(url => url.replace(/^.*\//, ''));
const uppercaseSubtitles = shortIds.some(id => /^apa($|-)|^academy-of-management($|-)|^(freshwater-science)/.test(id));
const sys = {
  retrieveLocale: l => { try { return fs.readFileSync(path.join(locDir, `locales-${l}.xml`), 'utf8'); } catch (e) { return false; } },
  retrieveItem: id => byId[id],
  uppercase_subtitles: uppercaseSubtitles,
};
const engine = new CSL.Engine(sys, style, 'en-US');
engine.opt.development_extensions.wrap_url_and_doi = true;
engine.setOutputFormat(fmt || 'text');
engine.updateItems(data.map(d => d.id));
const [meta, entries] = engine.makeBibliography();
const out = { order: [], entries: {} };
meta.entry_ids.forEach((ids, i) => { out.order.push(ids[0]); out.entries[ids[0]] = entries[i]; });
process.stdout.write(JSON.stringify(out));

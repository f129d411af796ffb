// Know the Line: cut the built book's stylesheets down to the rules its pages and scripts
// use (knowtheline/cssfit.py runs this after each build, with Node and PurgeCSS from npm).
//   node purge-styles.cjs <purgecss module dir> <options.json>
// options.json: {"css": [...files], "content": [...files], "standard": [...], "greedy": [...regex sources]}
// Each stylesheet is rewritten in place; one line of JSON reports the sizes.
"use strict";
const fs = require("fs");
const [moduleDir, optionsFile] = process.argv.slice(2);
const { PurgeCSS } = require(moduleDir);
const options = JSON.parse(fs.readFileSync(optionsFile, "utf8"));

new PurgeCSS()
  .purge({
    css: options.css,
    content: options.content,
    safelist: { standard: options.standard, greedy: options.greedy.map((source) => new RegExp(source)) },
    fontFace: false, keyframes: false, variables: false,
  })
  .then((results) => {
    const sizes = {};
    for (const { file, css } of results) {
      sizes[file] = [fs.statSync(file).size, Buffer.byteLength(css)];
      fs.writeFileSync(file, css);
    }
    process.stdout.write(JSON.stringify(sizes) + "\n");
  })
  .catch((err) => { process.stderr.write(String(err && err.stack || err) + "\n"); process.exit(1); });

// Reads a JSON-LD file with jsonld.js (an independent processor) and prints
// its triples as N-Triples: node jsonld_nt.js FILE.  The documents carry
// their @context inline, so no document loader is needed (none is allowed:
// a fetch fails the test).
const fs = require("fs");
const jsonld = require("jsonld");
const doc = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const noFetch = async (url) => { throw new Error("no fetching: " + url); };
jsonld.toRDF(doc, { format: "application/n-quads", documentLoader: noFetch })
  .then((nq) => process.stdout.write(nq))
  .catch((e) => { console.error(e.message); process.exit(1); });

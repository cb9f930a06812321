/**
 * `npm start` for the tests: runs src/main.ts's main() in a plain Node process (so it can be sent
 * signals or killed), compiling the TypeScript sources with SWC as they are required.
 */
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const { transformSync } = require('@swc/core');

// The sources import each other as './x.js' (NodeNext): in the sources that is './x.ts'.
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  try {
    return resolve.call(this, request, parent, ...rest);
  } catch (error) {
    if (!request.startsWith('.') || !request.endsWith('.js')) throw error;
    return resolve.call(this, `${request.slice(0, -3)}.ts`, parent, ...rest);
  }
};

require.extensions['.ts'] = (module, filename) => {
  const options = { filename, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } };
  module._compile(transformSync(fs.readFileSync(filename, 'utf8'), options).code, filename);
};

require(path.join(__dirname, '../../src/main.ts'))
  .main()
  .catch((error) => {
    process.stderr.write(`Failed to start: ${error.stack}\n`);
    process.exit(1);
  });

/** A worker for the pool's tests that only says it ran on a worker thread. */
const { isMainThread } = require('node:worker_threads');

module.exports = () => ({ thread: isMainThread ? 'main' : 'worker' });

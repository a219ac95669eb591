export * from './ml/index.js';

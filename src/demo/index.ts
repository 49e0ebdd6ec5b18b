export { seedDemo, demoAccounts, type DemoSummary } from './seed.js';
export { DEMO_PASSWORD } from './world.js';
export { seedDemoCredentials } from './credentials.js';

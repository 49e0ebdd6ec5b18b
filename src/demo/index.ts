export { seedDemo, demoAccounts, type DemoSummary } from './seed.js';
export { DEMO_PASSWORD } from './world.js';
export { seedDemoCredentials } from './credentials.js';
export { seedDemoProgrammes, DEMO_GRADUATE, DEMO_PROGRAMME_CODE } from './programmes.js';

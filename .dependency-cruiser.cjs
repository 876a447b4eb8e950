/**
 * The dependency rule of docs/architecture.md, checked by `npm run lint:deps` (part of `npm test`):
 * the pure core (domain, optimizer, forecasting) imports no SDK, no web framework and no outer layer.
 */
const PURE = '^functions/src/(domain|optimizer|forecasting)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'pure-core-no-sdk',
      comment: 'Domain, optimizer and forecasting stay pure: Google SDKs and Firebase only in adapters.',
      severity: 'error',
      from: { path: PURE },
      to: { path: '(^|/)node_modules/(@google-cloud/|@firebase/|firebase(-admin)?/|firebase$)' },
    },
    {
      name: 'pure-core-no-web-framework',
      comment: 'HTTP belongs to functions/src/http and functions/src/functions.',
      severity: 'error',
      from: { path: PURE },
      to: { path: '(^|/)node_modules/(express|body-parser|@types/express)/' },
    },
    {
      name: 'pure-core-no-outer-layers',
      comment:
        'The core is called by adapters, http, functions and local, never the other way round. ' +
        'Command-line entry points (cli/) are shells beside the code they drive: they may use the local demo data, still no SDK.',
      severity: 'error',
      from: { path: PURE, pathNot: '/cli/' },
      to: { path: '^functions/src/(adapters|http|functions|local)/' },
    },
    {
      name: 'no-unresolvable-imports',
      comment: 'An import that resolves to nothing is a typo or a missing dependency.',
      severity: 'error',
      from: { path: '^functions/src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^functions/lib/' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};

// One Lighthouse load (mobile, default throttling) of a URL, and what its LCP estimate is made of:
// the nodes of Lantern's optimistic and pessimistic LCP graphs with their simulated times and
// dependencies. The estimate is the mean of the two graphs' last end times (Lighthouse's
// LargestContentfulPaint.js); bench/lcp_graph.py walks each back from its last node.
//
// usage: node lcp_graph.mjs URL OUT.json
import fs from 'node:fs';

import * as Lantern from '@paulirish/trace_engine/models/trace/lantern/lantern.js';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const GRAPHS = ['optimisticLargestContentfulPaint', 'pessimisticLargestContentfulPaint'];
const [url, out] = process.argv.slice(2);
// The bench's flags (bench/lighthouse.py, CHROME_FLAGS): same browser, same stalls.
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  chromeFlags: [
    '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run',
  ],
});
let result;
try {
  result = await lighthouse(url, {port: chrome.port, output: 'json', onlyCategories: ['performance'], logLevel: 'error'});
} finally {
  await chrome.kill();
}
const {audits} = result.lhr;
const observed = audits.metrics.details.items[0];
const load = {
  url,
  lcp: audits['largest-contentful-paint'].numericValue,
  fcp: audits['first-contentful-paint'].numericValue,
  observedLcp: observed.observedLargestContentfulPaint,
  observedFirstPaint: observed.observedFirstPaint,
  observedLoad: observed.observedLoad,
  graphs: {},
};
// Lighthouse runs each simulation under a label and keeps its node timings; the last run of a label
// is this load's (one load per process).
for (const label of GRAPHS) {
  const timings = Lantern.Simulation.Simulator.allNodeTimings.get(label);
  if (!timings) throw new Error(`Lighthouse ran no ${label} simulation for ${url}`);
  load.graphs[label] = [...timings].map(([node, time]) => ({
    id: node.id,
    deps: node.getDependencies().map(dep => dep.id),
    start: time.startTime,
    end: time.endTime,
    ...(node.type === 'network'
      ? {
          kind: 'network', url: node.request.url, document: node.isMainDocument(), bytes: node.request.transferSize,
          priority: node.request.priority, resourceType: node.request.resourceType,
        }
      : {kind: 'cpu', scripts: [...node.getEvaluateScriptURLs()], events: [...new Set(node.childEvents.map(e => e.name))]}),
  }));
}
fs.writeFileSync(out, JSON.stringify(load));

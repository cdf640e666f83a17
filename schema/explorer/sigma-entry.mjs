// sigma-entry.mjs is what update.sh bundles into sigma.min.js: the WebGL
// renderer, the graph model it draws and the ForceAtlas2 layout (inline
// and in a web worker), as the global kgSigma.
import Graph from 'graphology';
import Sigma from 'sigma';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import FA2Layout from 'graphology-layout-forceatlas2/worker';

globalThis.kgSigma = { Graph, Sigma, forceAtlas2, FA2Layout };

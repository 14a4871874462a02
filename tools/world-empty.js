// world-empty.js - the map's outlines when the build has no Node.js: none (tools/worldmap.js makes the real ones).
'use strict';
self.dyadWorld = {"source":"none","countries":[]};

#!/usr/bin/env node
// The bundled command line: a third less start-up time than resolving every module of
// pdf-lib and fontkit, split so that each command loads only what it uses.
import '../dist/bundle/careprint.mjs';

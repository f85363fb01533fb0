// Starts a bench worker thread with TypeScript support (tsx), then loads the worker module named in workerData.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.entry);

import type { ApolloServerPlugin } from '@apollo/server';

/** `x-worker` on every GraphQL response of a cluster worker: which worker answered. */
export const WORKER_HEADER = 'x-worker';

/**
 * Names the answering worker by its cluster id (1, 2, … in fork order; a restarted worker gets the
 * next number), so a client or a test can see that the load is spread and that a restart happened.
 * The id says nothing about the host; the log line of each worker maps it to its pid.
 */
export function workerHeaderPlugin(workerId: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          response.http.headers.set(WORKER_HEADER, String(workerId));
        },
      };
    },
  };
}

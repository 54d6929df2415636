/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */

/** How the message of a `CouldNotEvaluate` starts. */
export const COULD_NOT_EVALUATE = 'could not evaluate:';

/** Thrown by a check that cannot decide because a value is only known at deploy time. */
export class CouldNotEvaluate extends Error {
  constructor(what: string) {
    super(`${COULD_NOT_EVALUATE} ${what} is not known at synth (a token, parameter or intrinsic function)`);
  }
}

/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { writeFileSync } from 'fs';
import { join } from 'path';
import { renderRulesMd } from '../src/nag/rules-md';

writeFileSync(join(__dirname, '..', 'RULES.md'), renderRulesMd());

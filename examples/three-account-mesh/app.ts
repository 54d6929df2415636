#!/usr/bin/env node
/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 *
 * The example mesh as a CDK app: `npx cdk synth` / `npx cdk deploy --all` from this folder.
 * Point it at real accounts with `-c producerAccount=… -c consumerAccount=… -c governanceAccount=… -c region=…`
 * or the MESH_* environment variables (see mesh.ts).
 */
import { App } from 'aws-cdk-lib';
import { buildExampleMesh } from './mesh';

const app = new App();
buildExampleMesh(app);
app.synth();

import { awscdk, javascript } from 'projen';

/**
 * The aws-cdk-lib floor: 2.262.0.
 *
 * `DataMeshChecks` is a cdk-nag v3 pack that users register with
 * `Validations.of(app).addPlugins(new DataMeshChecks())`. cdk-nag 3.0.2 declares
 * `aws-cdk-lib ^2.257.0`, but measured version by version (2.257.0 … 2.262.1, then
 * 2.267, 2.271, 2.276) the plugin path behaves like this:
 * - 2.257.0: the validation context has no `appConstruct`, the pack throws, nothing is checked;
 * - 2.258.0 – 2.261.0: findings are reported, but an error finding only sets
 *   `process.exitCode = 1`; `app.synth()` does not throw, so a broken mesh is not refused at synth;
 * - 2.262.0: findings are reported, an error makes `app.synth()` throw "Validation failed",
 *   acknowledgements (`DataMesh::DataMesh-…`) work, and the built-in "CloudFormation Validate"
 *   plugin with the `@aws-cdk/core:validateAgainstDefaultRules` flag exists (our tests set it).
 * 2.262.0 is the lowest version where "a broken mesh fails at synth" holds, so it is the floor.
 * The dev dependency is pinned to the floor, so every test runs at it
 * (test/nag/plugin-path.test.ts runs the whole path). See docs/decisions/0004-aws-cdk-lib-floor.md.
 */
const CDK_FLOOR = '2.262.0';

const project = new awscdk.AwsCdkConstructLibrary({
  name: 'cdk-data-mesh',
  description:
    'A federated data mesh on Amazon SageMaker Catalog (SageMaker Unified Studio / DataZone V2) across governance, producer and consumer accounts, with a cdk-nag v3 rule pack that refuses a broken mesh at synth.',
  author: 'cdk-data-mesh engineers',
  authorAddress: 'maintainers@cdk-data-mesh.dev',
  repositoryUrl: 'https://github.com/cdk-data-mesh/cdk-data-mesh.git',
  keywords: ['cdk', 'aws-cdk', 'datazone', 'sagemaker', 'unified-studio', 'data-mesh', 'lake-formation', 'cdk-nag'],
  license: 'Apache-2.0',
  stability: 'experimental',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  jsiiVersion: '~6.0.0',
  cdkVersion: CDK_FLOOR,
  constructsVersion: '10.5.1',
  peerDeps: ['cdk-nag@^3.0.2'],
  devDeps: ['cdk-nag@3.0.2'],
  tsconfigDevFile: 'tsconfig.dev.json',
  eslintOptions: {
    dirs: ['src'],
    devdirs: ['test', 'examples', 'scripts', 'projenrc', '.projenrc.ts'],
  },

  // Jest: drift fails; accepting a new snapshot is the deliberate `test:update`.
  jestOptions: {
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      testPathIgnorePatterns: ['/node_modules/', '/cdk.out/', '/dist/'],
      coverageReporters: ['text-summary', 'lcov'],
    },
  },

  // jsii targets.
  publishToPypi: {
    distName: 'cdk-data-mesh',
    module: 'cdk_data_mesh',
  },
  publishToMaven: {
    javaPackage: 'io.github.cdkdatamesh',
    mavenGroupId: 'io.github.cdkdatamesh',
    mavenArtifactId: 'cdk-data-mesh',
  },
  publishToGo: {
    moduleName: 'github.com/cdk-data-mesh/cdk-data-mesh-go',
    packageName: 'cdkdatamesh',
  },

  gitignore: ['cdk.out/', 'mesh-report.json', '.venv*/', '__pycache__/', '*.pyc', '/test/python/.venv/', '/.ci/.work/'],
  githubOptions: { mergify: false },
});

// RULES.md is generated from the rule definitions (rules are data; the catalogue is never hand-edited).
const rulesMd = project.addTask('rules', {
  description: 'Regenerate RULES.md from the DataMeshChecks rule definitions',
  exec: 'ts-node --project tsconfig.dev.json scripts/generate-rules-md.ts',
});
project.postCompileTask.spawn(rulesMd);

// The main job: synthesize the example mesh offline, run both rule packs and print the report.
project.addTask('mesh', {
  description: 'Synthesize the example mesh into cdk.out/, run DataMeshChecks and AwsSolutionsChecks, print the mesh report',
  exec: 'ts-node --project tsconfig.dev.json scripts/mesh-report.ts',
  receiveArgs: true,
});

// cfn-lint over every template the example writes (needs cfn-lint on PATH: .ci/run installs it).
project.addTask('cfn-lint', {
  description: 'Run cfn-lint over every template in cdk.out/ (run `mesh` first)',
  exec: 'bash scripts/cfn-lint.sh',
});

for (const pattern of ['/examples/', '/scripts/', '/docs/', '/.ci/', '/benchmarks/']) {
  project.addPackageIgnore(pattern);
}

project.synth();

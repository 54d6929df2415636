import { awscdk, javascript, JsonFile } from 'projen';

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
 * (test/nag/plugin-path.test.ts runs the whole path). See docs/decisions/0001-aws-cdk-lib-floor.md.
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
  // Node.js 22 and 24: the releases jsii and its runtimes support (on Node 20 they print that it is end of
  // life); .ci/run runs the main job and a test subset on both.
  minNodeVersion: '22.0.0',
  workflowNodeVersion: '22.x',
  jsiiVersion: '~6.0.0',
  cdkVersion: CDK_FLOOR,
  constructsVersion: '10.5.1',
  peerDeps: ['cdk-nag@^3.0.2'],
  // The mesh file (DataMesh.fromFile): YAML or JSON, checked against schema/data-mesh.schema.json. Bundled, so
  // the Python, Java and Go packages carry them inside the library's npm tarball.
  bundledDeps: ['ajv@^8.17.1', 'yaml@^2.8.1'],
  // The AWS SDK for JavaScript v3 clients run the unmodified Node.js handler of the binding test (test/handlers).
  // The CDK CLI (`npx cdk synth` in examples/three-account-mesh, as users run it; .ci/run does it offline).
  // Stryker (mutation testing of the rule pack and the input validation; `npx projen mutation`). 9.x: the
  // machine's Node.js 20 (Stryker 10 needs Node.js 22).
  devDeps: ['cdk-nag@3.0.2', '@aws-sdk/client-sts@^3', '@aws-sdk/client-glue@^3', 'aws-cdk@^2.1148.1',
    '@stryker-mutator/core@9.6.1', '@stryker-mutator/jest-runner@9.6.1'],
  tsconfigDevFile: 'tsconfig.dev.json',
  tsconfigDev: { include: ['.projenrc.ts'], compilerOptions: {} },
  eslintOptions: {
    // One dev tsconfig at the top level (tsconfig.dev.json) covers src, test, examples and scripts.
    projectService: false,
    tsconfigPath: './tsconfig.dev.json',
    dirs: ['src'],
    devdirs: ['test', 'examples', 'scripts', 'projenrc', '.projenrc.ts'],
  },

  // Jest: drift fails; accepting a new snapshot is the deliberate `test:update`.
  jestOptions: {
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      testPathIgnorePatterns: ['/node_modules/', '/cdk.out/', '/dist/'],
      coverageReporters: ['text-summary', 'lcov'],
      // Two workers on CI's two cores (jest's default is cores - 1, so one, in band: 25 minutes and a 12 GiB
      // process); a worker whose memory passes 2 GB after a test file is restarted.
      maxWorkers: 2,
      workerIdleMemoryLimit: '2GB',
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

  gitignore: ['/.cache/', '/.venv/', '/examples/java/target/', 'cdk.out/', 'mesh-report.json', '.venv*/', '__pycache__/', '*.pyc', '/test/python/.venv/', '/.ci/.work/', '/.stryker-tmp/'],
  githubOptions: { mergify: false },
});

// No deprecated API in the library, its examples, scripts or tests: a deprecated aws-cdk-lib call prints a
// warning at every synth, in every language (.ci/run also checks the examples' synth output for one).
project.eslint?.addRules({ '@typescript-eslint/no-deprecated': 'error' });

// Custom-resource handlers are Python files under src/handlers; jsii compiles only TypeScript, so
// they are copied next to the compiled code (lib/handlers), where the constructs find their assets.
const copyHandlers = project.addTask('copy-handlers', {
  description: 'Copy the custom-resource handlers and the binding layer (src/handlers, src/layers) into lib/',
  steps: [
    { exec: 'rm -rf lib/handlers lib/layers && mkdir -p lib && cp -r src/handlers lib/handlers && cp -r src/layers lib/layers' },
    { exec: 'find lib/handlers lib/layers -name __pycache__ -prune -exec rm -rf {} +' },
  ],
});
project.postCompileTask.spawn(copyHandlers);

// RULES.md is generated from the rule definitions (rules are data; the catalogue is never hand-edited).
const rulesMd = project.addTask('rules', {
  description: 'Regenerate RULES.md from the DataMeshChecks rule definitions',
  exec: 'ts-node --project tsconfig.dev.json scripts/generate-rules-md.ts',
});
project.postCompileTask.spawn(rulesMd);

// Examples (README.md, `@example` in doc comments) compile under jsii-rosetta in strict mode, so the
// Python, Java and Go docs jsii-pacmak and Construct Hub generate from them are translations of working
// code. Fixtures (the context a snippet runs in) are in rosetta/. jsii-rosetta itself is a dev dependency
// that projen adds at the version of jsii (jsiiVersion). The tablet it writes (.jsii.tabl.json, read by
// jsii-pacmak and shipped in the npm package) is a build output, like .jsii.
project.package.file.addOverride('jsii.metadata.jsii.rosetta.strict', true);
project.gitignore.exclude('/.jsii.tabl.json');
const rosettaExtract = project.addTask('rosetta:extract', {
  description: 'Compile every README and doc-comment example with jsii-rosetta in strict mode and write the translations (.jsii.tabl.json)',
  exec: 'jsii-rosetta extract --strict .jsii',
});
project.postCompileTask.spawn(rosettaExtract);

// Custom-resource handlers (Python) are tested with pytest, against a moto server on 127.0.0.1
// where moto implements the service, and with scripted clients where it does not.
const testHandlers = project.addTask('test:handlers', {
  description: 'Run the custom-resource handler tests (pytest; creates .venv on first use)',
  steps: [
    { exec: 'bash scripts/python-env.sh' },
    { exec: '.venv/bin/python -m pytest -q -p no:cacheprovider test/handlers' },
  ],
  env: { PYTHONDONTWRITEBYTECODE: '1' },
});
project.testTask.spawn(testHandlers);

// The main job: synthesize the example mesh offline, run both rule packs and print the report.
project.addTask('mesh', {
  description: 'Synthesize the example mesh into cdk.out/, run DataMeshChecks and AwsSolutionsChecks, print the mesh report',
  exec: 'ts-node --project tsconfig.dev.json scripts/mesh-report.ts',
  receiveArgs: true,
});

// The README's diagram: the example mesh drawn from its templates, rendered with Debian's Chromium.
project.addTask('diagram', {
  description: 'Redraw docs/mesh.svg (and docs/mesh.mmd) from the example mesh (needs /usr/bin/chromium)',
  steps: [
    { spawn: 'mesh' },
    { exec: 'cp cdk.out/mesh.mmd docs/mesh.mmd && bash scripts/render-diagram.sh docs/mesh.mmd docs/mesh.svg' },
  ],
});

// cfn-lint over every template the example writes (needs cfn-lint on PATH: .ci/run installs it); fails on a
// warning scripts/cfn-lint-warnings.json does not list and on an entry there that no longer occurs.
project.addTask('cfn-lint', {
  description: 'Run cfn-lint over every template in cdk.out/ (run `mesh` first); warnings must match scripts/cfn-lint-warnings.json',
  exec: 'bash scripts/cfn-lint.sh',
});

// The record of the example's logical ids (public API: a changed id replaces the resource on deploy), which
// test/examples/logical-ids.test.ts compares every synth with.
project.addTask('logical-ids', {
  description: 'Rewrite test/examples/logical-ids.json from a synth of the example mesh (commit it with the change that moved an id)',
  exec: 'ts-node --project tsconfig.dev.json scripts/logical-ids.ts',
});

// Benchmark (a script, not a test): the example's synth from Python and Java (and Go when it builds) as
// ratios of TypeScript's wall time and peak memory. Needs the wheel, the jar and the venv of .ci/run;
// prints the command for each that is missing.
project.addTask('bench:languages', {
  description: 'Benchmark the example mesh synth in Python, Java (and Go) against TypeScript: wall time and peak memory ratios (target: Python <= 3x)',
  exec: 'python3 benchmarks/languages.py',
  receiveArgs: true,
});

// Java: build against a local Maven repository in which the cdk-nag version we build with is
// installed, so that the jar's version range on cdk-nag resolves (scripts/prepare-maven-repo.sh says why).
const packageJava = project.tasks.tryFind('package:java');
if (!packageJava) {
  throw new Error('projen no longer defines package:java: update .projenrc.ts');
}
packageJava.reset('bash scripts/prepare-maven-repo.sh .cache/m2');
packageJava.exec('jsii-pacmak -v --target java --maven-local-repository .cache/m2');

// Go: the Go module proxy reachable from this project's machines does not serve cdk-nag's Go module
// (github.com/cdklabs/cdk-nag-go/cdknag/v3), which the generated module requires, so `go mod tidy`
// cannot run. Generate the module's source (what is published to the Go repository) without building it.
const packageGo = project.tasks.tryFind('package:go');
if (!packageGo) {
  throw new Error('projen no longer defines package:go: update .projenrc.ts');
}
packageGo.reset('jsii-pacmak -v --target go --code-only');

for (const pattern of ['/examples/', '/scripts/', '/docs/', '/.ci/', '/benchmarks/', '/.cache/', '/.venv/', '/cdk.out/', 'mesh-report.json', '__pycache__/', '*.pyc']) {
  project.addPackageIgnore(pattern);
}

// Mutation testing (Stryker with its jest runner) of the rule pack and the shared input validation: a mutant
// that no test kills is a check the tests do not pin down. `npx projen mutation` (scripts/mutation.ts) mutates
// each source file against the tests that mirror it, one Stryker run per group with this file as the base; the
// sandboxes and reports are under .ci/.work/mutation (never in the source tree); it fails under the break
// threshold. The score and the surviving mutants kept with a reason are in docs/mutation.md.
new JsonFile(project, 'stryker.config.json', {
  obj: {
    $schema: './node_modules/@stryker-mutator/core/schema/stryker-schema.json',
    packageManager: 'npm',
    testRunner: 'jest',
    coverageAnalysis: 'perTest',
    mutate: ['src/nag/**/*.ts', 'src/private/validate.ts', '!src/nag/rules-md.ts'],
    jest: { projectType: 'custom', enableFindRelatedTests: true },
    ignorePatterns: ['dist', 'lib', 'cdk.out', '.venv', '.ci', 'coverage', 'test-reports', 'examples/java/target'],
    thresholds: { high: 90, low: 85, break: 85 },
    reporters: ['clear-text', 'progress', 'json', 'html'],
    // The sandbox, the incremental record and the reports stay under .ci/.work (ignored; never the source tree).
    tempDirName: '.ci/.work/mutation/sandbox',
    incrementalFile: '.ci/.work/mutation/incremental.json',
    htmlReporter: { fileName: '.ci/.work/mutation/mutation.html' },
    jsonReporter: { fileName: '.ci/.work/mutation/mutation.json' },
    concurrency: 2,
    timeoutMS: 60000,
  },
});
project.addTask('mutation', {
  description: 'Mutation testing of src/nag and the input validation (Stryker); reports under .ci/.work/mutation',
  exec: 'ts-node --project tsconfig.dev.json scripts/mutation.ts',
  receiveArgs: true,
});

project.synth();

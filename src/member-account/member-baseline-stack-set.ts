/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import {
  App, DockerImageAssetLocation, DockerImageAssetSource, FileAssetLocation, FileAssetSource, ISynthesisSession,
  IPolicyValidationPlugin, Lazy, Stack, Stage, StackSynthesizer, Token, Validations,
} from 'aws-cdk-lib';
import * as cloudformation from 'aws-cdk-lib/aws-cloudformation';
import { Construct } from 'constructs';
import { ManagedBlueprint } from './managed-blueprint';
import { MeshMemberAccount } from './mesh-member-account';
import { CatalogDomain } from '../catalog-domain/catalog-domain';
import { acknowledge } from '../private/acknowledge';
import { accountProblem, InputProblems, isUnresolved, regionProblem } from '../private/validate';
import { TwoAzPrivateVpc } from '../two-az-private-vpc/two-az-private-vpc';

/** CloudFormation's limit on a StackSet's `TemplateBody`, in bytes (AWS::CloudFormation::StackSet reference). */
export const STACK_SET_TEMPLATE_BODY_LIMIT = 51_200;

/** An OU id (`ou-` + 4-32 + `-` + 8-32 lowercase letters or digits) or a root id (`r-` + 4-32), as the StackSet reference gives them. */
const TARGET_ID = /^(ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}|r-[a-z0-9]{4,32})$/;
/** A StackSet's name: a letter, then letters, digits and hyphens, up to 128 characters. */
const STACK_SET_NAME = /^[a-zA-Z][-a-zA-Z0-9]{0,127}$/;
/** Context keys of the outer app the baseline's own app does not take: they describe the CLI's run, not the template. */
const RUN_CONTEXT = ['aws:cdk:enable-path-metadata', 'aws:cdk:version-reporting', 'aws:cdk:bundling-stacks', 'aws:cdk:enable-asset-metadata'];

/** Whose StackSet it is: the management account's, or a delegated administrator's. */
export enum StackSetCallAs {
  /** The StackSet is created in the Organization's management account. */
  SELF = 'SELF',
  /** The StackSet is created in a delegated administrator account of the Organization. */
  DELEGATED_ADMIN = 'DELEGATED_ADMIN',
}

/** Properties of a `MeshMemberBaselineStackSet`. */
export interface MeshMemberBaselineStackSetProps {
  /** The shared domain's name (what `CatalogDomain.fromSharedDomain` finds it by in each member account). */
  readonly domainName: string;

  /** The governance account (12 digits): excluded from the targets, and the only account DataZone may act for. */
  readonly governanceAccount: string;

  /**
   * The mesh's one Region: the domain's, and the only Region the stack instances are created in (a blueprint
   * configuration is made in the domain's Region).
   */
  readonly region: string;

  /** The two (or more) Availability Zones of each member account's private network, e.g. `['eu-west-1a', 'eu-west-1b']`. */
  readonly availabilityZones: string[];

  /**
   * The Organization root (`r-…`) or OUs (`ou-…-…`) whose accounts get the baseline, now and when they join later
   * (auto-deployment).
   */
  readonly organizationalUnitIds: string[];

  /**
   * Whose StackSet it is: `SELF` in the management account, `DELEGATED_ADMIN` in a delegated administrator account.
   *
   * @default StackSetCallAs.SELF
   */
  readonly callAs?: StackSetCallAs;

  /**
   * Keep an account's stack (its network, roles and Tooling bucket) when the account leaves the target OUs.
   *
   * @default true
   */
  readonly retainStacksOnAccountRemoval?: boolean;

  /**
   * The managed blueprints to enable in every member account; Tooling must be one of them.
   *
   * @default [ManagedBlueprint.TOOLING]
   */
  readonly blueprints?: ManagedBlueprint[];

  /**
   * The IPv4 CIDR block of each member account's VPC (the same in every account: the VPCs are not connected).
   *
   * @default '10.0.0.0/16'
   */
  readonly cidr?: string;

  /**
   * The StackSet's name.
   *
   * @default - `<domainName>-member-baseline`
   */
  readonly stackSetName?: string;

  /**
   * The share of the target accounts deployed at once, in percent (1-100).
   *
   * @default 25
   */
  readonly maxConcurrentPercentage?: number;

  /**
   * The share of the target accounts that may fail before StackSets stops the operation, in percent (0-100).
   *
   * @default 10
   */
  readonly failureTolerancePercentage?: number;

  /**
   * The validation plugins the baseline's template is checked with when it is synthesized (it is a stack of an
   * app of its own, which the plugins of this construct's app do not reach), e.g. `new DataMeshChecks()` and
   * `new AwsSolutionsChecks()`. A finding that fails them fails this app's synth.
   *
   * @default - none
   */
  readonly validationPlugins?: IPolicyValidationPlugin[];
}

/**
 * The member baseline of `MeshMemberAccount` rolled out as a service-managed StackSet to Organization OUs, with
 * auto-deployment: every account in the OUs, and every account that joins them later, gets the private two-zone
 * network, the provisioning and manage-access roles, the Tooling bucket, the blueprint configurations and their
 * grants, and the project-member role.
 *
 * Deploy it in the management account (`callAs: SELF`) or a delegated administrator account (`DELEGATED_ADMIN`).
 * The baseline is the same template in every account: the account is `AWS::AccountId`, the domain and root unit
 * ids are parameters read from the governance account's shared hand-off parameters. It holds no asset (no Lambda
 * code): the connectivity probe, which needs one, stays a per-account stack (`TwoAzPrivateVpc.addConnectivityProbe`).
 * The governance account is excluded from the targets. A target account must be associated with the domain before
 * its stack instance is created (add it to `CatalogDomain.associatedAccounts` first). The README's "Member
 * baseline as a StackSet" shows a complete program.
 */
export class MeshMemberBaselineStackSet extends Construct {
  /**
   * The baseline as a stack of an app of its own (never deployed as a stack): its template is the StackSet's. Add
   * aspects or acknowledgements to it before synth; `validationPlugins` check it.
   */
  public readonly baselineStack: Stack;
  /** The baseline's member account construct, in `baselineStack`. */
  public readonly memberAccount: MeshMemberAccount;
  /** The baseline's network, in `baselineStack`. */
  public readonly network: TwoAzPrivateVpc;
  /** The StackSet. */
  public readonly stackSet: cloudformation.CfnStackSet;

  private readonly baselineApp: App;
  private body?: string;

  constructor(scope: Construct, id: string, props: MeshMemberBaselineStackSetProps) {
    super(scope, id);
    validateProps(this, props);
    const outer = Stage.of(this);
    const context = { ...(outer?.node.getAllContext() ?? {}) };
    for (const key of RUN_CONTEXT) {
      delete context[key];
    }
    // An app of its own, written to a directory of its own: the baseline is no stack of this app (the CLI never
    // deploys it to this account) and its assembly never mixes with this app's.
    this.baselineApp = new App({
      outdir: mkdtempSync(join(tmpdir(), 'cdk-data-mesh-baseline-')),
      context,
      analyticsReporting: false,
    });
    if (props.validationPlugins && props.validationPlugins.length > 0) {
      Validations.of(this.baselineApp).addPlugins(...props.validationPlugins);
    }
    this.baselineStack = new Stack(this.baselineApp, 'MemberBaseline', {
      env: { region: props.region },
      synthesizer: new AssetFreeSynthesizer(),
      description: `Data mesh member baseline (StackSet of ${this.node.path}): network, roles, Tooling bucket and blueprints for domain ${props.domainName}`,
    });
    acknowledge(this.baselineStack, 'DataMesh-ENV1',
      'A StackSet baseline is deployed to every account of its OUs: its account is AWS::AccountId by design; its Region is the mesh\'s, and the governance account is excluded from its targets.');
    this.network = new TwoAzPrivateVpc(this.baselineStack, 'Network', { availabilityZones: props.availabilityZones, cidr: props.cidr });
    const domain = CatalogDomain.fromSharedDomain(this.baselineStack, 'Domain', { domainName: props.domainName, governanceAccount: props.governanceAccount });
    this.memberAccount = new MeshMemberAccount(this.baselineStack, 'Blueprints', { domain, network: this.network, blueprints: props.blueprints });

    this.stackSet = new cloudformation.CfnStackSet(this, 'StackSet', {
      stackSetName: props.stackSetName ?? `${props.domainName}-member-baseline`,
      description: `Data mesh member baseline for domain ${props.domainName}: network, roles, Tooling bucket, blueprints and grants`,
      permissionModel: 'SERVICE_MANAGED',
      autoDeployment: { enabled: true, retainStacksOnAccountRemoval: props.retainStacksOnAccountRemoval ?? true },
      callAs: props.callAs ?? StackSetCallAs.SELF,
      // The roles have names (DataZone finds them by name), so CAPABILITY_NAMED_IAM.
      capabilities: ['CAPABILITY_NAMED_IAM'],
      managedExecution: { Active: true },
      operationPreferences: {
        maxConcurrentPercentage: props.maxConcurrentPercentage ?? 25,
        failureTolerancePercentage: props.failureTolerancePercentage ?? 10,
        regionConcurrencyType: 'SEQUENTIAL',
      },
      stackInstancesGroup: [{
        deploymentTargets: {
          organizationalUnitIds: props.organizationalUnitIds,
          // The governance account holds the domain, not a member's baseline.
          accountFilterType: 'DIFFERENCE',
          accounts: [props.governanceAccount],
        },
        regions: [props.region],
      }],
      templateBody: Lazy.string({ produce: () => this.templateBody() }),
    });
  }

  /** The baseline's template, synthesized once from `baselineStack` (minified JSON), refused when it is too large. */
  private templateBody(): string {
    if (this.body === undefined) {
      const assembly = this.baselineApp.synth();
      const artifact = assembly.getStackArtifact(this.baselineStack.artifactId);
      const body = JSON.stringify(JSON.parse(readFileSync(artifact.templateFullPath, 'utf-8')));
      const size = Buffer.byteLength(body, 'utf-8');
      if (size > STACK_SET_TEMPLATE_BODY_LIMIT) {
        throw new Error(`MeshMemberBaselineStackSet at '${this.node.path}' has invalid input:\n  - the member baseline's template is ${size} bytes: a StackSet's TemplateBody holds at most ${STACK_SET_TEMPLATE_BODY_LIMIT} bytes. Enable fewer 'blueprints', or define fewer interface endpoints in the baseline.`);
      }
      this.body = body;
    }
    return this.body;
  }
}

/**
 * The baseline's synthesizer: the template only, with no asset (a StackSet's stack instances cannot read this
 * account's CDK asset bucket) and no bootstrap version check (the target accounts need not be bootstrapped).
 */
class AssetFreeSynthesizer extends StackSynthesizer {
  public addFileAsset(asset: FileAssetSource): FileAssetLocation {
    throw new Error(`MeshMemberBaselineStackSet: the member baseline cannot hold the file asset '${asset.fileName ?? asset.sourceHash}' (e.g. Lambda code): its stack instances cannot read this account's asset bucket. Define what needs it in a per-account stack.`);
  }

  public addDockerImageAsset(asset: DockerImageAssetSource): DockerImageAssetLocation {
    throw new Error(`MeshMemberBaselineStackSet: the member baseline cannot hold the image asset '${asset.directoryName ?? asset.sourceHash}': its stack instances cannot read this account's asset repository. Define what needs it in a per-account stack.`);
  }

  public synthesize(session: ISynthesisSession): void {
    this.synthesizeTemplate(session);
    this.emitArtifact(session);
  }
}

function validateProps(scope: Construct, props: MeshMemberBaselineStackSetProps): void {
  const problems = new InputProblems(scope, 'MeshMemberBaselineStackSet');
  accountProblem(problems, 'governanceAccount', props.governanceAccount);
  if (isUnresolved(props.region)) {
    problems.add('region', props.region, 'the mesh\'s Region must be known at synth: the hand-off parameters are read by ARN in it', 'Pass the Region\'s name, e.g. \'eu-west-1\'.');
  } else {
    regionProblem(problems, 'region', props.region);
  }
  const targets = props.organizationalUnitIds;
  if (!isUnresolved(targets)) {
    if (targets.length === 0) {
      problems.add('organizationalUnitIds', targets, 'at least one OU or the Organization root', 'Pass the OUs of the member accounts, e.g. [\'ou-ab12-cdef3456\'].');
    }
    const malformed = targets.filter((t) => !TARGET_ID.test(t));
    if (malformed.length > 0) {
      problems.add('organizationalUnitIds', malformed, 'an OU id is ou-, 4-32 lowercase letters or digits, -, and 8-32 more (ou-ab12-cdef3456); a root id is r- and 4-32 (r-ab12)', 'Copy the ids from AWS Organizations (aws organizations list-roots, list-organizational-units-for-parent).');
    }
    if (new Set(targets).size !== targets.length) {
      problems.add('organizationalUnitIds', targets, 'each OU may be named once', 'Remove the duplicate.');
    }
    if (targets.some((t) => t.startsWith('r-')) && targets.length > 1) {
      problems.add('organizationalUnitIds', targets, 'the root already holds every OU', 'Pass the root alone, or the OUs without it.');
    }
  }
  const name = props.stackSetName;
  if (name !== undefined && !Token.isUnresolved(name) && !STACK_SET_NAME.test(name)) {
    problems.add('stackSetName', name, 'a letter, then up to 127 letters, digits and hyphens', 'Use e.g. \'data-mesh-member-baseline\'.');
  }
  if (props.stackSetName === undefined && !STACK_SET_NAME.test(`${props.domainName}-member-baseline`)) {
    problems.add('domainName', props.domainName, 'the default StackSet name, <domainName>-member-baseline, allows letters, digits and hyphens only', 'Pass a \'stackSetName\'.');
  }
  percentProblem(problems, 'maxConcurrentPercentage', props.maxConcurrentPercentage, 1);
  percentProblem(problems, 'failureTolerancePercentage', props.failureTolerancePercentage, 0);
  problems.throwIfAny();
}

function percentProblem(problems: InputProblems, prop: string, value: number | undefined, minimum: number): void {
  if (value !== undefined && (!Number.isInteger(value) || value < minimum || value > 100)) {
    problems.add(prop, value, `a whole percentage from ${minimum} to 100`, `Use e.g. ${minimum === 0 ? 10 : 25}.`);
  }
}

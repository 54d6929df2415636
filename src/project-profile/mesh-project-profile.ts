/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { createHash } from 'crypto';
import { CustomResource, Duration, Lazy, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as datazone from 'aws-cdk-lib/aws-datazone';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ram from 'aws-cdk-lib/aws-ram';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { Construct } from 'constructs';
import { ICatalogDomain } from '../catalog-domain/catalog-domain';
import { DomainGrantPrincipal } from '../catalog-domain/domain-grant-principal';
import { ShareAssociationWaiter } from '../catalog-domain/share-association-waiter';
import { BLUEPRINT_LOOKUP_TYPE } from '../contract';
import { MeshProjectPrincipal, MeshProjectPrincipalType } from './mesh-project-principal';
import { ManagedBlueprint } from '../member-account/managed-blueprint';
import { handoffParameter, projectIdParameterName } from '../private/handoff';
import { PythonProvider } from '../private/python-provider';
import { accountProblem, InputProblems, isUnresolved, projectNameProblem, regionProblem } from '../private/validate';

/* The contract with DataMeshChecks' rules (src/contract.ts), exported from here as before. */
export { BLUEPRINT_LOOKUP_TYPE };

/** Properties of a project profile of the mesh. */
export interface MeshProjectProfileProps {
  /** The domain, in this (the governance) account. */
  readonly domain: ICatalogDomain;
  /** The profile's name: 1-64 letters, digits, `_`, `-` and spaces. */
  readonly profileName: string;
  /** The member account the profile's projects deploy to (12 digits). */
  readonly account: string;
  /**
   * The Region the profile's projects deploy to; the mesh lives in one Region.
   *
   * @default - the stack's Region
   */
  readonly region?: string;
  /**
   * A description of the profile.
   *
   * @default - none
   */
  readonly description?: string;
  /**
   * The blueprints of the profile's environments, in deployment order. Tooling is always first, even if left out.
   *
   * @default - the profile's own default (Tooling for a producer; Tooling and DataLake for a consumer)
   */
  readonly blueprints?: ManagedBlueprint[];
  /**
   * Whether projects can be created from the profile.
   *
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Who may create projects from the profile (a `CREATE_PROJECT_FROM_PROJECT_PROFILE` grant).
   *
   * @default DomainGrantPrincipal.allUsers()
   */
  readonly projectCreators?: DomainGrantPrincipal;
}

/** The DataLake ("Lakehouse Database") blueprint's parameter that names the project's Glue database. */
const GLUE_DB_PARAMETER = 'glueDbName';
/** Its default value in AWS's project profile samples. */
const GLUE_DB_DEFAULT = 'glue_db';

/** Options of a project created from a profile. */
export interface MeshProjectOptions {
  /** The project's name: 1-64 letters, digits, `_`, `-` and spaces. */
  readonly projectName: string;
  /**
   * A description.
   *
   * @default - none
   */
  readonly description?: string;
  /**
   * Identity Center user ids (or DataZone user profile ids) that own the project.
   *
   * @default - the identity that creates the project
   */
  readonly ownerUserIds?: string[];
  /**
   * The project's members: Identity Center users and groups and IAM roles, each with its designation, e.g.
   * `MeshProjectPrincipal.identityCenterGroup('<group id>', MeshProjectDesignation.OWNER)`. For each one the library
   * creates its DataZone user or group profile and an `ADD_TO_PROJECT_MEMBER_POOL` grant on the project's domain unit
   * (`domainUnitId`, child units included), and orders the project after them; the project lists them in its
   * `MembershipAssignments`. A user or role that already has a profile in the domain (it signed in or called the
   * domain before) makes `AWS::DataZone::UserProfile` fail: name it in `ownerUserIds`, or with `MeshProjectMember`
   * and `existingUserProfile` (roles).
   *
   * @default - none besides `ownerUserIds`
   */
  readonly members?: MeshProjectPrincipal[];
  /**
   * The name of the Glue database the project's Lakehouse Database (DataLake) environment creates;
   * subscriptions land in it. Give the same name to `ConsumerBinding.glueDatabaseName`.
   *
   * @default - DataZone's default name (`glue_db_…`)
   */
  readonly glueDatabaseName?: string;
  /**
   * Whether the project id may be shared with a target account outside your AWS Organization.
   *
   * @default false
   */
  readonly allowExternalPrincipals?: boolean;
  /**
   * The domain unit that owns the project (a child of the root unit, e.g. one per team).
   *
   * @default - the root domain unit
   */
  readonly domainUnitId?: string;
}

/**
 * A SageMaker Unified Studio project profile (`AWS::DataZone::ProjectProfile`) in the governance
 * account whose environments deploy to one member account, with the grant to create projects from it.
 *
 * The Tooling environment configuration is listed explicitly and first (`ON_CREATE`, deployment
 * order 0): the console adds it on its own, CloudFormation does not. Blueprint ids are looked up
 * in the domain by exact name (`ListEnvironmentBlueprints`, compared client-side), so nothing is copied
 * from the member account.
 */
export class MeshProjectProfile extends Construct {
  /** The profile's id. */
  public readonly projectProfileId: string;
  /**
   * The CREATE_PROJECT_FROM_PROJECT_PROFILE grant that lets `projectCreators` create projects from this profile:
   * one per stack, domain unit and principal, listing every profile of the stack (DataZone allows 20 grants per
   * policy per domain unit, so a grant per profile would stop a mesh at 20 profiles).
   */
  private readonly projectCreationGrant: datazone.CfnPolicyGrant;
  /** The blueprints of the profile's environments, Tooling first. */
  public readonly blueprints: ManagedBlueprint[];
  /** The member account the profile targets. */
  public readonly account: string;
  /** The Region the profile targets. */
  public readonly region: string;

  private readonly domain: ICatalogDomain;

  constructor(scope: Construct, id: string, props: MeshProjectProfileProps, defaults: ManagedBlueprint[] = [ManagedBlueprint.TOOLING]) {
    super(scope, id);
    const stack = Stack.of(this);
    this.region = props.region ?? stack.region;
    validateProps(this, stack, props, this.region, this.constructor.name);
    const requested = props.blueprints ?? defaults;
    this.blueprints = [ManagedBlueprint.TOOLING, ...requested.filter((b) => b.name !== ManagedBlueprint.TOOLING.name)];
    this.account = props.account;
    this.domain = props.domain;

    const profile = new datazone.CfnProjectProfile(this, 'Resource', {
      name: props.profileName,
      description: props.description,
      domainIdentifier: props.domain.domainId,
      domainUnitIdentifier: props.domain.rootDomainUnitId,
      status: (props.enabled ?? true) ? 'ENABLED' : 'DISABLED',
      environmentConfigurations: this.blueprints.map((blueprint, order) => ({
        name: blueprint.label,
        environmentBlueprintId: blueprintIdLookup(this, props.domain, blueprint),
        awsAccount: { awsAccountId: props.account },
        awsRegion: { regionName: this.region },
        deploymentMode: 'ON_CREATE',
        deploymentOrder: order,
        description: `${blueprint.label} in account ${props.account}`,
        // A project may override only what its profile declares editable: declare the database name
        // (as AWS's samples do, with the blueprint's own default), so addProject's glueDatabaseName is honoured.
        configurationParameters: blueprint.name === ManagedBlueprint.DATA_LAKE.name
          ? { parameterOverrides: [{ name: GLUE_DB_PARAMETER, value: GLUE_DB_DEFAULT, isEditable: true }] }
          : undefined,
      })),
    });
    this.projectProfileId = profile.attrId;

    const creators = props.projectCreators ?? DomainGrantPrincipal.allUsers();
    this.projectCreationGrant = projectCreationGrant(this, props.domain, creators, this.projectProfileId);
  }

  /** Create a project from this profile. Deploy it after the member account's blueprints are enabled. */
  public addProject(id: string, options: MeshProjectOptions): datazone.CfnProject {
    const problems = new InputProblems(this, 'MeshProjectProfile.addProject');
    projectNameProblem(problems, options.projectName, 'Rename the project.');
    // DataZone project names are unique in a domain, and each project's hand-off parameter is named after it.
    const projects = projectsOfDomain(this.domain);
    const other = isUnresolved(options.projectName) ? undefined : projects.get(options.projectName);
    if (other !== undefined) {
      problems.add('projectName', options.projectName, `a project name is unique in the domain, and project '${options.projectName}' is already added at '${other}'`, 'Give one of the projects another name.');
    }
    if (options.glueDatabaseName !== undefined && !this.blueprints.some((b) => b.name === ManagedBlueprint.DATA_LAKE.name)) {
      problems.add('glueDatabaseName', options.glueDatabaseName, 'the profile has no DataLake ("Lakehouse Database") environment to create it', 'Remove it, or use a profile with ManagedBlueprint.DATA_LAKE.');
    } else if (options.glueDatabaseName !== undefined && !isUnresolved(options.glueDatabaseName) && !/^[a-z0-9_]{1,255}$/.test(options.glueDatabaseName)) {
      problems.add('glueDatabaseName', options.glueDatabaseName, 'a Glue database name has 1-255 lower-case letters, digits and _', 'Rename it, e.g. consumer_db.');
    }
    const members = options.members ?? [];
    members.forEach((member, i) => {
      if (member.type === MeshProjectPrincipalType.IAM_ROLE && !isUnresolved(member.identifier) && !/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/.test(member.identifier)) {
        problems.add(`members[${i}]`, member.identifier, 'expected an IAM role ARN, arn:aws:iam::<account>:role/<name>', 'Pass the role\'s ARN to MeshProjectPrincipal.iamRole().');
      } else if (member.type !== MeshProjectPrincipalType.IAM_ROLE && !isUnresolved(member.identifier) && !/^([0-9a-f]{10}-)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(member.identifier)) {
        problems.add(`members[${i}]`, member.identifier, 'expected an IAM Identity Center user or group id (a UUID, optionally prefixed by 10 hex digits and -)', 'Copy the id from the Identity Center console (Users or Groups, then the General information section).');
      }
    });
    problems.throwIfAny();
    if (!isUnresolved(options.projectName)) {
      projects.set(options.projectName, `${this.node.path}/${id}`);
    }
    const prerequisites = members.map((member, i) => this.memberPrerequisites(`${id}Member${i}`, member, options.domainUnitId));
    const project = new datazone.CfnProject(this, id, {
      domainIdentifier: this.domain.domainId,
      name: options.projectName,
      description: options.description,
      projectProfileId: this.projectProfileId,
      domainUnitId: options.domainUnitId,
      membershipAssignments: options.ownerUserIds || members.length > 0 ? [
        ...(options.ownerUserIds ?? []).map((userIdentifier) => ({ designation: 'PROJECT_OWNER', member: { userIdentifier } })),
        ...prerequisites.map((p) => ({ designation: p.designation, member: p.member })),
      ] : undefined,
      userParameters: options.glueDatabaseName ? [{
        environmentConfigurationName: ManagedBlueprint.DATA_LAKE.label,
        environmentParameters: [{ name: GLUE_DB_PARAMETER, value: options.glueDatabaseName }],
      }] : undefined,
    });
    // Projects deploy their environments at creation: the creation grant (and each member's pool grant) must
    // exist first (the profile is ordered by the Fn::GetAtt on its id; a DependsOn on it too is redundant,
    // cfn-lint W3005).
    project.node.addDependency(this.projectCreationGrant, ...prerequisites.map((p) => p.grant));

    // Hand the project id to the target account (docs/decisions/0003-cross-account-handoff.md).
    const parameter = handoffParameter(this, `${id}IdParameter`, projectIdParameterName(options.projectName), project.attrId,
      `Id of the SageMaker Unified Studio project ${options.projectName}, shared with account ${this.account}`, RemovalPolicy.RETAIN);
    const share = new ram.CfnResourceShare(this, `${id}IdShare`, {
      name: `cdk-data-mesh-project-${options.projectName.trim().replace(/\s+/g, '-')}`,
      resourceArns: [parameter.parameterArn],
      principals: [this.account],
      allowExternalPrincipals: options.allowExternalPrincipals ?? false,
    });
    new ShareAssociationWaiter(this, `${id}IdShareWaiter`, {
      resourceShareArns: () => [share.attrArn],
      principals: () => [this.account],
      timeout: Duration.minutes(10),
    });
    return project;
  }

  /** A member's profile and member-pool grant, which DataZone requires before the membership. */
  private memberPrerequisites(id: string, member: MeshProjectPrincipal, domainUnitId?: string): {
    member: datazone.CfnProject.MemberProperty; designation: string; grant: datazone.CfnPolicyGrant;
  } {
    let principal: datazone.CfnPolicyGrant.PolicyGrantPrincipalProperty;
    let assigned: datazone.CfnProject.MemberProperty;
    if (member.type === MeshProjectPrincipalType.IDENTITY_CENTER_GROUP) {
      const profile = new datazone.CfnGroupProfile(this, `${id}Profile`, {
        domainIdentifier: this.domain.domainId,
        groupIdentifier: member.identifier,
        status: 'ASSIGNED',
      });
      principal = { group: { groupIdentifier: profile.attrId } };
      assigned = { groupIdentifier: profile.attrId };
    } else {
      const profile = new datazone.CfnUserProfile(this, `${id}Profile`, {
        domainIdentifier: this.domain.domainId,
        userIdentifier: member.identifier,
        userType: member.type,
        status: member.type === MeshProjectPrincipalType.IAM_ROLE ? 'ACTIVATED' : 'ASSIGNED',
      });
      principal = { user: { userIdentifier: profile.attrId } };
      assigned = { userIdentifier: profile.attrId };
    }
    const grant = new datazone.CfnPolicyGrant(this, `${id}PoolGrant`, {
      domainIdentifier: this.domain.domainId,
      entityType: 'DOMAIN_UNIT',
      entityIdentifier: domainUnitId ?? this.domain.rootDomainUnitId,
      policyType: 'ADD_TO_PROJECT_MEMBER_POOL',
      detail: { addToProjectMemberPool: { includeChildDomainUnits: true } },
      principal,
    });
    return { member: assigned, designation: member.designation, grant };
  }
}

/**
 * The producer's project profile: Tooling in the producer account (the seed's `producer-project-profile`).
 *
 * @example
 * const domain = new CatalogDomain(this, 'Domain', {
 *   domainName: 'data-mesh',
 *   associatedAccounts: ['222222222222'],
 * });
 * const profile = new ProducerProjectProfile(this, 'ProducerProfile', {
 *   domain,
 *   profileName: 'producer-project-profile',
 *   account: '222222222222',
 * });
 */
export class ProducerProjectProfile extends MeshProjectProfile {
  constructor(scope: Construct, id: string, props: MeshProjectProfileProps) {
    super(scope, id, props, [ManagedBlueprint.TOOLING]);
  }
}

/**
 * The consumer's project profile: Tooling and DataLake ("Lakehouse Database") in the consumer account
 * (the seed's `consumer-project-profile`).
 */
export class ConsumerProjectProfile extends MeshProjectProfile {
  constructor(scope: Construct, id: string, props: MeshProjectProfileProps) {
    if (props.blueprints && !props.blueprints.some((b) => b.name === ManagedBlueprint.DATA_LAKE.name)) {
      throw new Error(`ConsumerProjectProfile at '${scope.node.path}/${id}' has invalid input:\n  - 'blueprints' is ${JSON.stringify(props.blueprints.map((b) => b.name))}: a consumer profile needs DataLake ("Lakehouse Database"), which gives each project the Glue database and Athena workgroup subscriptions land in. Add ManagedBlueprint.DATA_LAKE.`);
    }
    super(scope, id, props, [ManagedBlueprint.TOOLING, ManagedBlueprint.DATA_LAKE]);
  }
}

/** The profile ids each shared project-creation grant lists. */
const grantedProfiles = new WeakMap<datazone.CfnPolicyGrant, string[]>();

/**
 * The stack's CREATE_PROJECT_FROM_PROJECT_PROFILE grant on the domain's root unit for `principal`, made on first
 * use, with `profileId` added to the profiles it lists.
 */
function projectCreationGrant(scope: Construct, domain: ICatalogDomain, principal: DomainGrantPrincipal, profileId: string): datazone.CfnPolicyGrant {
  const stack = Stack.of(scope);
  const rendered = principal._render();
  const key = createHash('sha256').update(JSON.stringify(stack.resolve([domain.domainId, domain.rootDomainUnitId, rendered]))).digest('hex').slice(0, 8);
  const id = `CdkDataMeshProjectCreationGrant${key}`;
  let grant = stack.node.tryFindChild(id) as datazone.CfnPolicyGrant | undefined;
  if (!grant) {
    const profiles: string[] = [];
    grant = new datazone.CfnPolicyGrant(stack, id, {
      domainIdentifier: domain.domainId,
      entityType: 'DOMAIN_UNIT',
      entityIdentifier: domain.rootDomainUnitId,
      policyType: 'CREATE_PROJECT_FROM_PROJECT_PROFILE',
      detail: { createProjectFromProjectProfile: { includeChildDomainUnits: true, projectProfiles: Lazy.list({ produce: () => profiles }) } },
      principal: rendered,
    });
    grantedProfiles.set(grant, profiles);
  }
  grantedProfiles.get(grant)!.push(profileId);
  return grant;
}

/**
 * The id of a managed blueprint in the domain, looked up once per stack, domain and blueprint by a
 * custom resource that lists the domain's managed blueprints (every page) and keeps the one whose name
 * is exactly the blueprint's: no reliance on how ListEnvironmentBlueprints' `name` filter matches
 * (docs/deploy-hazards.md, F15). One provider per stack serves every lookup.
 */
function blueprintIdLookup(scope: Construct, domain: ICatalogDomain, blueprint: ManagedBlueprint): string {
  const stack = Stack.of(scope);
  // One lookup per blueprint, kept with the domain when it is defined in this stack.
  const home: Construct = Stack.of(domain) === stack ? domain : stack;
  const domainKey = home === stack ? createHash('sha256').update(JSON.stringify(stack.resolve(domain.domainId))).digest('hex').slice(0, 8) : '';
  const id = `BlueprintId${blueprint.name}${domainKey}`;
  const existing = home.node.tryFindChild(id) as CustomResource | undefined;
  if (existing) {
    return existing.getAttString('Id');
  }
  const provider = blueprintIdProvider(stack);
  // DataZone refuses a caller that cannot use the domain's customer managed key, if it has one.
  provider.handlerRole.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['datazone:ListEnvironmentBlueprints'], resources: [domain.domainArn] }));
  if (domain.encryptionKey) {
    provider.handlerRole.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: [domain.encryptionKey.keyArn] }));
  }
  const lookup = new CustomResource(home, id, {
    serviceToken: provider.serviceToken,
    resourceType: BLUEPRINT_LOOKUP_TYPE,
    properties: { DomainId: domain.domainId, BlueprintName: blueprint.name },
  });
  return lookup.getAttString('Id');
}

/** The projects added to each domain so far, by name, with the construct path of each. */
const projectsByDomain = new WeakMap<ICatalogDomain, Map<string, string>>();

function projectsOfDomain(domain: ICatalogDomain): Map<string, string> {
  let projects = projectsByDomain.get(domain);
  if (!projects) {
    projects = new Map();
    projectsByDomain.set(domain, projects);
  }
  return projects;
}

/** The stack's provider of blueprint-id lookups, made on first use. */
function blueprintIdProvider(stack: Stack): PythonProvider {
  return PythonProvider.of(stack, {
    handler: 'blueprint_id',
    description: 'finds the id of a managed environment blueprint of the domain by its exact name',
    statements: [],
  });
}

function validateProps(scope: Construct, stack: Stack, props: MeshProjectProfileProps, region: string, construct: string): void {
  const problems = new InputProblems(scope, construct);
  if (isUnresolved(props.profileName) || !/^[\w -]{1,64}$/.test(props.profileName)) {
    problems.add('profileName', props.profileName, 'a profile name is a literal of 1-64 letters, digits, _, - and spaces', 'Rename the profile, e.g. \'producer-project-profile\'.');
  }
  accountProblem(problems, 'account', props.account);
  if (problems.isEmpty() && !Token.isUnresolved(stack.account) && props.account === stack.account) {
    problems.add('account', props.account, 'it is the governance account, which stores no data; a profile targets the producer or consumer account', 'Pass the member account\'s id.');
  }
  if (isUnresolved(region)) {
    problems.add('region', region, 'the profile\'s Region must be known at synth (give the governance stack an env, or pass region)', 'Pass region, e.g. \'eu-west-1\'.');
  } else if (!RegionInfo.regions.some((r) => r.name === region)) {
    regionProblem(problems, 'region', region);
  } else if (!Token.isUnresolved(stack.region) && region !== stack.region) {
    problems.add('region', region, `the mesh lives in one Region: the domain's is ${stack.region}`, `Deploy the member account's blueprints in ${stack.region}.`);
  }
  problems.throwIfAny();
}

/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { Aws, Duration, Fn, IResource, Lazy, Names, RemovalPolicy, Resource, Stack, Token, Validations } from 'aws-cdk-lib';
import * as datazone from 'aws-cdk-lib/aws-datazone';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as ram from 'aws-cdk-lib/aws-ram';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct, DependencyGroup, IDependable } from 'constructs';
import { DomainGrantPrincipal } from './domain-grant-principal';
import { DomainSharePermission } from './domain-share-permission';
import { ShareAssociationWaiter } from './share-association-waiter';
import { acknowledge } from '../private/acknowledge';
import { managedPolicyFinding } from '../private/custom-resource';
import { HANDOFF_ROOT, handoffParameter, readHandoffParameter } from '../private/handoff';
import { MAX_HANDLER_WAIT } from '../private/python-provider';
import { accountProblem, InputProblems, isUnresolved, regionProblem } from '../private/validate';

/** How users are assigned to the domain through IAM Identity Center. */
export enum UserAssignment {
  /** Every user of the Identity Center instance can use the domain. */
  AUTOMATIC = 'AUTOMATIC',
  /** Users are added to the domain one by one. */
  MANUAL = 'MANUAL',
}

/** A SageMaker Unified Studio (DataZone V2) domain: the catalog of the mesh. */
export interface ICatalogDomain extends IResource {
  /**
   * The domain identifier, e.g. `dzd_abc123`.
   *
   * @attribute
   */
  readonly domainId: string;
  /**
   * The domain ARN.
   *
   * @attribute
   */
  readonly domainArn: string;
  /**
   * The identifier of the domain's root domain unit.
   *
   * @attribute
   */
  readonly rootDomainUnitId: string;
  /** The governance account, which owns the domain. */
  readonly governanceAccount: string;
  /**
   * The customer managed key that encrypts the domain, when it has one and this account can use it:
   * the library grants its own DataZone callers (custom-resource roles) `kms:Decrypt` and
   * `kms:GenerateDataKey` on it.
   *
   * Undefined for a domain encrypted with an AWS owned key, or whose key is not known here.
   */
  readonly encryptionKey?: kms.IKey;
}

/** What identifies a domain defined elsewhere (usually in the governance account). */
export interface CatalogDomainAttributes {
  /** The domain identifier, e.g. `dzd_abc123`. */
  readonly domainId: string;
  /** The identifier of the domain's root domain unit. */
  readonly rootDomainUnitId: string;
  /** The governance account that owns the domain (12 digits). */
  readonly governanceAccount: string;
  /**
   * The domain's Region.
   *
   * @default - the Region of the stack that imports it
   */
  readonly region?: string;
  /**
   * The domain ARN.
   *
   * @default - built from the account, Region and domain id
   */
  readonly domainArn?: string;
  /**
   * The customer managed key that encrypts the domain: give it in a stack of the governance account
   * whose constructs call DataZone (e.g. `ConsumerSubscription`), so that their roles may use it.
   *
   * @default - none (the domain uses an AWS owned key)
   */
  readonly encryptionKey?: kms.IKey;
}

/** What a member account needs to find a domain that a `CatalogDomain` shared with it. */
export interface SharedCatalogDomainProps {
  /** The `domainName` of the `CatalogDomain` in the governance account. */
  readonly domainName: string;
  /** The governance account that owns the domain (12 digits). */
  readonly governanceAccount: string;
  /**
   * The ARN of the domain's customer managed key, when the governance stack gave `CatalogDomain` an
   * `encryptionKey`: the roles the library creates in the member account are then granted the key in IAM
   * (the key policy admits the account): `kms:Decrypt` and `kms:GenerateDataKey`, which DataZone requires of
   * every caller, and also `kms:DescribeKey` for `MeshMemberAccount`'s provisioning and manage-access roles.
   *
   * @default - the domain uses an AWS owned key
   */
  readonly encryptionKeyArn?: string;
}

/** Properties of a `CatalogDomain`. */
export interface CatalogDomainProps {
  /**
   * The domain's name, shown in the portal: 1-64 letters, digits, `_`, `-` and spaces.
   *
   * Member accounts find the shared domain by this name (`CatalogDomain.fromSharedDomain`).
   */
  readonly domainName: string;

  /**
   * A description of the domain.
   *
   * @default - none
   */
  readonly description?: string;

  /**
   * The producer and consumer accounts to associate with the domain (12-digit account ids).
   *
   * More can be added with `associateAccount()`.
   *
   * @default - none
   */
  readonly associatedAccounts?: string[];

  /**
   * The AWS RAM managed permission the domain is shared with.
   *
   * @default DomainSharePermission.API_AND_PORTAL_ACCESS
   */
  readonly sharePermission?: DomainSharePermission;

  /**
   * Whether the shares may include accounts outside your AWS Organization.
   *
   * Such an account must accept the RAM invitation (`aws ram accept-resource-share-invitation`)
   * before the association completes; the deploy waits for it up to `associationTimeout`.
   *
   * @default false
   */
  readonly allowExternalPrincipals?: boolean;

  /**
   * Whether users sign in through IAM Identity Center.
   *
   * Associating accounts needs an Identity Center domain at the time of the seed article.
   *
   * @default true
   */
  readonly identityCenter?: boolean;

  /**
   * How Identity Center users are assigned to the domain.
   *
   * @default UserAssignment.AUTOMATIC
   */
  readonly userAssignment?: UserAssignment;

  /**
   * The ARN of the IAM Identity Center instance.
   *
   * @default - the account's (or Organization's) instance
   */
  readonly identityCenterInstanceArn?: string;

  /**
   * The domain execution role.
   *
   * @default - a role trusted by DataZone with `SageMakerStudioDomainExecutionRolePolicy`
   */
  readonly executionRole?: iam.IRole;

  /**
   * The domain service role.
   *
   * @default - a role trusted by DataZone with `SageMakerStudioDomainServiceRolePolicy`
   */
  readonly serviceRole?: iam.IRole;

  /**
   * A customer managed key that encrypts the catalog's metadata. Adding, removing or replacing it
   * replaces the domain.
   *
   * DataZone requires every caller of its APIs to hold `kms:Decrypt` and `kms:GenerateDataKey` on
   * the domain's customer managed key, in IAM and in the key policy. With a key, `CatalogDomain`
   * adds a key-policy statement for each associated account (those actions and `kms:DescribeKey`,
   * for calls of that account through DataZone in this Region only) and grants its own roles; a key
   * whose policy it cannot change (an imported key) gets a synth warning naming the statements to
   * add. Roles in the member accounts still need those actions in their own IAM policies.
   *
   * @default - an AWS owned key: no key policy or IAM statement is needed in any account
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * What happens to the domain and the hand-off parameters when they leave the stack (a key you pass keeps its own).
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;

  /**
   * How long the deploy waits for every associated account to be ASSOCIATED: whole seconds, from 1 minute to 55 minutes
   * (CloudFormation fails a custom resource after one hour).
   *
   * @default Duration.minutes(10)
   */
  readonly associationTimeout?: Duration;
}

/** Options of a domain unit. */
export interface DomainUnitOptions {
  /** The unit's name: 1-128 letters, digits, `_`, `-` and spaces. */
  readonly name: string;
  /**
   * A description.
   *
   * @default - none
   */
  readonly description?: string;
  /**
   * The identifier of the parent unit.
   *
   * @default - the root domain unit
   */
  readonly parentDomainUnitId?: string;
}

/** Options of the grant that lets principals create projects from project profiles. */
export interface ProjectCreationGrantOptions {
  /** The identifiers of the project profiles. */
  readonly projectProfileIds: string[];
  /**
   * Who may create projects.
   *
   * @default DomainGrantPrincipal.allUsers()
   */
  readonly principal?: DomainGrantPrincipal;
  /**
   * The domain unit the grant is on.
   *
   * @default - the root domain unit
   */
  readonly domainUnitId?: string;
  /**
   * Whether the grant also applies in child domain units.
   *
   * @default true
   */
  readonly includeChildDomainUnits?: boolean;
}

/** The SSM parameters through which member accounts find the shared domain. */
export const HANDOFF_PARAMETER_PREFIX = `${HANDOFF_ROOT}/domains`;

/** Id of the warning given when the policy of the domain's key cannot be changed to admit an associated account. */
export const DOMAIN_KEY_POLICY_WARNING = 'cdk-data-mesh:CatalogDomain.keyPolicy';

/** What DataZone requires of a caller on the domain's customer managed key (besides `kms:CreateGrant` to create the domain). */
const DOMAIN_KEY_USER_ACTIONS = ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'];

/** The key-policy statement that lets `account` use the domain key through DataZone in `region`. */
function domainKeyStatement(account: string, sidSuffix: string, region: string): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: `AssociatedAccount${sidSuffix}ThroughDataZone`,
    actions: DOMAIN_KEY_USER_ACTIONS,
    principals: [new iam.AccountPrincipal(account)],
    resources: ['*'],
    conditions: {
      StringEquals: {
        'kms:CallerAccount': account,
        'kms:ViaService': `datazone.${region}.amazonaws.com`,
      },
    },
  });
}

/** Id of the warning given when the domain would be deleted with the stack. */
export const DOMAIN_DESTROY_WARNING = 'cdk-data-mesh:CatalogDomain.destroy';

const NAME_PATTERN = /^[\w -]+$/;

/**
 * The governance account's SageMaker Unified Studio domain (`AWS::DataZone::Domain`, V2), shared
 * with the producer and consumer accounts.
 *
 * Defines the domain with IAM Identity Center sign-on, encrypted with an AWS owned key (or the
 * customer managed key given, whose policy then admits every associated account), the
 * domain execution and service roles (trusted by DataZone for this account only), and, once
 * accounts are associated:
 * - one AWS RAM share of the domain (named `DataZone-…` so AWS's managed admin policies can manage it)
 *   with a V2 managed permission;
 * - the hand-off: advanced SSM parameters with the domain id and root unit id, shared with the same
 *   accounts, from which member stacks read them (`CatalogDomain.fromSharedDomain`);
 * - a custom resource that waits until every account is ASSOCIATED (`associationComplete`).
 * Stateful parts are retained by default.
 *
 * @example
 * const domain = new CatalogDomain(this, 'Domain', {
 *   domainName: 'mesh',
 *   associatedAccounts: ['222222222222', '333333333333'],
 * });
 */
export class CatalogDomain extends Resource implements ICatalogDomain {
  /**
   * Reference a domain by its attributes, e.g. from a stack in a member account.
   */
  public static fromCatalogDomainAttributes(scope: Construct, id: string, attrs: CatalogDomainAttributes): ICatalogDomain {
    const problems = new InputProblems(scope, 'CatalogDomain.fromCatalogDomainAttributes');
    accountProblem(problems, 'governanceAccount', attrs.governanceAccount);
    if (!isUnresolved(attrs.domainId) && !/^dzd[-_][a-zA-Z0-9_-]{1,36}$/.test(attrs.domainId)) {
      problems.add('domainId', attrs.domainId, 'a domain id looks like dzd_abc123 or dzd-abc123', 'Copy the id from the governance stack\'s outputs or the portal.');
    }
    regionProblem(problems, 'region', attrs.region);
    problems.throwIfAny();
    const region = attrs.region ?? Stack.of(scope).region;
    class Imported extends Resource implements ICatalogDomain {
      public readonly domainId = attrs.domainId;
      public readonly rootDomainUnitId = attrs.rootDomainUnitId;
      public readonly governanceAccount = attrs.governanceAccount;
      public readonly domainArn = attrs.domainArn
        ?? `arn:${Aws.PARTITION}:datazone:${region}:${attrs.governanceAccount}:domain/${attrs.domainId}`;
      public readonly encryptionKey = attrs.encryptionKey;
    }
    return new Imported(scope, id, { account: attrs.governanceAccount, region });
  }

  /**
   * Reference the domain a `CatalogDomain` in the governance account shared with this account,
   * without copying any id by hand.
   *
   * The governance stack writes the domain id and root unit id to advanced SSM parameters and shares
   * them with the associated accounts through AWS RAM. This stack reads them at each deploy through
   * template parameters of type `AWS::SSM::Parameter::Value<String>` whose defaults are the shared
   * parameters' ARNs. Deploy the governance stack first (make this stack depend on it).
   */
  public static fromSharedDomain(scope: Construct, id: string, props: SharedCatalogDomainProps): ICatalogDomain {
    const problems = new InputProblems(scope, 'CatalogDomain.fromSharedDomain');
    nameProblem(problems, props.domainName);
    accountProblem(problems, 'governanceAccount', props.governanceAccount);
    const stack = Stack.of(scope);
    if (Token.isUnresolved(stack.region)) {
      problems.add('region', stack.region, 'the stack that reads a shared domain needs an explicit Region: the hand-off parameters are read by ARN, in the domain\'s Region', 'Give the stack an env with account and region.');
    }
    regionProblem(problems, 'region', stack.region);
    if (props.encryptionKeyArn !== undefined && !Token.isUnresolved(props.encryptionKeyArn)
      && !/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/.test(props.encryptionKeyArn)) {
      problems.add('encryptionKeyArn', props.encryptionKeyArn, 'the ARN of a KMS key (arn:<partition>:kms:<region>:<account>:key/<key id>); an alias ARN cannot be granted in IAM across accounts',
        'Pass the key\'s ARN (CatalogDomain.encryptionKey.keyArn in the governance app), or leave it out for a domain with an AWS owned key.');
    }
    problems.throwIfAny();
    const sharedKey = props.encryptionKeyArn === undefined ? undefined : kms.Key.fromKeyArn(scope, `${id}EncryptionKey`, props.encryptionKeyArn);
    /** Reads each hand-off parameter only when it is used, so the template declares no unused parameter. */
    class SharedDomain extends Resource implements ICatalogDomain {
      public readonly governanceAccount = props.governanceAccount;
      public readonly encryptionKey = sharedKey;
      private readonly values = new Map<string, string>();
      public get domainId(): string {
        return this.read('domain-id', 'DomainIdParameter');
      }
      public get rootDomainUnitId(): string {
        return this.read('root-domain-unit-id', 'RootDomainUnitIdParameter');
      }
      public get domainArn(): string {
        return `arn:${Aws.PARTITION}:datazone:${stack.region}:${props.governanceAccount}:domain/${this.domainId}`;
      }
      private read(name: string, parameterId: string): string {
        if (!this.values.has(name)) {
          this.values.set(name, readHandoffParameter(this, parameterId, props.governanceAccount, handoffParameterName(props.domainName, name)));
        }
        return this.values.get(name)!;
      }
    }
    return new SharedDomain(scope, id, { account: props.governanceAccount, region: stack.region });
  }

  public readonly domainId: string;
  public readonly domainArn: string;
  public readonly rootDomainUnitId: string;
  public readonly governanceAccount: string;
  /** The domain's name. */
  public readonly domainName: string;
  /** The URL of the Unified Studio portal. */
  public readonly portalUrl: string;
  /** The customer managed key that encrypts the catalog's metadata, if any (undefined: an AWS owned key). */
  public readonly encryptionKey?: kms.IKey;
  /** The domain execution role. */
  public readonly executionRole: iam.IRole;
  /** The domain service role. */
  public readonly serviceRole: iam.IRole;
  /**
   * Completes when every associated account is ASSOCIATED with the domain share and the hand-off
   * share: anything that needs the association depends on it.
   */
  public readonly associationComplete: IDependable;

  private readonly props: CatalogDomainProps;
  private readonly domain: datazone.CfnDomain;
  private readonly accounts: string[] = [];
  private readonly associationGroup = new DependencyGroup();
  private handoffParameters: ssm.StringParameter[] = [];
  private shares?: { domainShare: ram.CfnResourceShare; handoffShare: ram.CfnResourceShare };

  constructor(scope: Construct, id: string, props: CatalogDomainProps) {
    super(scope, id);
    validateProps(this, props);
    this.props = props;
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;

    this.governanceAccount = this.stack.account;
    this.domainName = props.domainName;
    this.encryptionKey = props.encryptionKey;
    this.executionRole = props.executionRole ?? this.defineExecutionRole();
    this.serviceRole = props.serviceRole ?? this.defineServiceRole();
    // Creating the domain needs kms:CreateGrant; every other DataZone call needs Decrypt and GenerateDataKey.
    const keyGrants = this.encryptionKey ? [
      this.encryptionKey.grant(this.executionRole, 'kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey', 'kms:CreateGrant'),
      this.encryptionKey.grant(this.serviceRole, ...DOMAIN_KEY_USER_ACTIONS),
    ] : [];

    const identityCenter = props.identityCenter ?? true;
    this.domain = new datazone.CfnDomain(this, 'Resource', {
      name: props.domainName,
      description: props.description,
      domainVersion: 'V2',
      kmsKeyIdentifier: this.encryptionKey?.keyArn,
      domainExecutionRole: this.executionRole.roleArn,
      serviceRole: this.serviceRole.roleArn,
      singleSignOn: identityCenter
        ? { type: 'IAM_IDC', userAssignment: props.userAssignment ?? UserAssignment.AUTOMATIC, idcInstanceArn: props.identityCenterInstanceArn }
        : { type: 'DISABLED' },
    });
    this.domain.applyRemovalPolicy(removalPolicy);
    this.domain.node.addDependency(this.executionRole, this.serviceRole);
    keyGrants.forEach((grant) => grant.applyBefore(this.domain));
    if (!this.encryptionKey) {
      acknowledge(this.domain, 'DataMesh-DZ2', 'CatalogDomain uses an AWS owned key by default: DataZone then needs no key-policy or IAM statement in any account (a customer managed key must admit every associated account and every caller); pass encryptionKey for a customer managed key.');
    }
    if (removalPolicy === RemovalPolicy.DESTROY) {
      Validations.of(this).addWarning(DOMAIN_DESTROY_WARNING,
        `removalPolicy DESTROY deletes the domain ${props.domainName} with every project, asset and subscription in it when it leaves the stack.`);
    }

    this.domainId = this.domain.attrId;
    this.domainArn = this.domain.attrArn;
    this.rootDomainUnitId = this.domain.attrRootDomainUnitId;
    this.portalUrl = this.domain.attrPortalUrl;
    this.associationGroup.add(this.domain);
    this.associationComplete = this.associationGroup;

    this.defineHandoffParameters(removalPolicy);
    for (const account of props.associatedAccounts ?? []) {
      this.associateAccount(account);
    }
  }

  /** The accounts associated so far. */
  public get associatedAccounts(): string[] {
    return [...this.accounts];
  }

  /**
   * Associate a producer or consumer account with the domain: share the domain and the hand-off
   * parameters with it through AWS RAM, and wait for the association at deploy.
   */
  public associateAccount(account: string): void {
    const problems = new InputProblems(this, 'CatalogDomain');
    accountProblem(problems, 'account', account);
    if (problems.isEmpty()) {
      if (!Token.isUnresolved(this.stack.account) && account === this.stack.account) {
        problems.add('account', account, 'it is the governance account that owns the domain; associate the producer and consumer accounts', 'Deploy the producer and consumer stacks to other accounts.');
      } else if (this.accounts.includes(account)) {
        problems.add('account', account, 'it is already associated (each account once)', 'Remove the duplicate.');
      }
    }
    if (!(this.props.identityCenter ?? true)) {
      problems.add('identityCenter', false, 'associating accounts needs an IAM Identity Center domain (multi-account association works only for Identity Center domains at the time of the seed article)', 'Leave identityCenter on (the default) or associate no accounts.');
    }
    problems.throwIfAny();
    this.accounts.push(account);
    this.admitToKey(account);
    if (!this.shares) {
      this.shares = this.defineShares();
    }
  }

  /** Add a domain unit under the root unit (or `parentDomainUnitId`). */
  public addDomainUnit(id: string, options: DomainUnitOptions): datazone.CfnDomainUnit {
    const problems = new InputProblems(this, 'CatalogDomain.addDomainUnit');
    if (!isUnresolved(options.name) && (!NAME_PATTERN.test(options.name) || options.name.length > 128)) {
      problems.add('name', options.name, 'a domain unit name has 1-128 letters, digits, _, - and spaces', 'Rename the unit.');
    }
    problems.throwIfAny();
    return new datazone.CfnDomainUnit(this, id, {
      domainIdentifier: this.domainId,
      name: options.name,
      description: options.description,
      parentDomainUnitIdentifier: options.parentDomainUnitId ?? this.rootDomainUnitId,
    });
  }

  /** Let principals create projects from the given project profiles (a `CREATE_PROJECT_FROM_PROJECT_PROFILE` policy grant). */
  public grantProjectCreation(id: string, options: ProjectCreationGrantOptions): datazone.CfnPolicyGrant {
    if (options.projectProfileIds.length === 0) {
      throw new Error(`CatalogDomain at '${this.node.path}': grantProjectCreation('${id}') has invalid input:\n  - 'projectProfileIds' is []: name at least one project profile. Pass the profiles' ids.`);
    }
    const domainUnit = options.domainUnitId ?? this.rootDomainUnitId;
    return new datazone.CfnPolicyGrant(this, id, {
      domainIdentifier: this.domainId,
      entityType: 'DOMAIN_UNIT',
      entityIdentifier: domainUnit,
      policyType: 'CREATE_PROJECT_FROM_PROJECT_PROFILE',
      detail: {
        createProjectFromProjectProfile: {
          includeChildDomainUnits: options.includeChildDomainUnits ?? true,
          projectProfiles: options.projectProfileIds,
        },
      },
      principal: (options.principal ?? DomainGrantPrincipal.allUsers())._render(),
    });
  }

  /**
   * Let `account`'s principals use the domain's customer managed key through DataZone in this Region
   * (what DataZone requires of every caller); IAM in that account must allow the same actions.
   */
  private admitToKey(account: string): void {
    if (!this.encryptionKey) {
      return;
    }
    const statement = domainKeyStatement(account, Token.isUnresolved(account) ? `${this.accounts.length}` : account, this.stack.region);
    if (!this.encryptionKey.addToResourcePolicy(statement).statementAdded) {
      Validations.of(this).addWarning(DOMAIN_KEY_POLICY_WARNING,
        `the policy of the encryptionKey cannot be changed here (an imported key): add a statement that allows ${DOMAIN_KEY_USER_ACTIONS.join(', ')} to arn:aws:iam::${account}:root `
        + `with the conditions kms:CallerAccount = ${account} and kms:ViaService = datazone.${this.stack.region}.amazonaws.com, or DataZone refuses every call from account ${account}.`);
    }
  }

  private defineExecutionRole(): iam.IRole {
    const role = new iam.Role(this, 'ExecutionRole', {
      roleName: serviceRoleName('AmazonSageMakerDomainExecution', this),
      path: '/service-role/',
      description: `Domain execution role of the SageMaker Unified Studio domain ${this.props.domainName}`,
      assumedBy: this.dataZonePrincipal(),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/SageMakerStudioDomainExecutionRolePolicy')],
    });
    role.assumeRolePolicy!.addStatements(new iam.PolicyStatement({
      actions: ['sts:TagSession', 'sts:SetContext'],
      principals: [this.dataZonePrincipal()],
      conditions: { 'ForAllValues:StringLike': { 'aws:TagKeys': 'datazone*' } },
    }));
    acknowledgeManagedPolicy(role, 'SageMakerStudioDomainExecutionRolePolicy');
    return role;
  }

  private defineServiceRole(): iam.IRole {
    const role = new iam.Role(this, 'ServiceRole', {
      roleName: serviceRoleName('AmazonSageMakerDomainService', this),
      path: '/service-role/',
      description: `Domain service role of the SageMaker Unified Studio domain ${this.props.domainName}`,
      assumedBy: this.dataZonePrincipal(),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/SageMakerStudioDomainServiceRolePolicy')],
    });
    acknowledgeManagedPolicy(role, 'SageMakerStudioDomainServiceRolePolicy');
    return role;
  }

  /** DataZone, acting for this account only (the confused-deputy guard). */
  private dataZonePrincipal(): iam.IPrincipal {
    return new iam.ServicePrincipal('datazone.amazonaws.com').withConditions({
      StringEquals: { 'aws:SourceAccount': this.stack.account },
    });
  }

  private defineHandoffParameters(removalPolicy: RemovalPolicy): void {
    this.handoffParameters = [
      handoffParameter(this, 'DomainIdParameter', handoffParameterName(this.domainName, 'domain-id'), this.domainId,
        `Id of the SageMaker Unified Studio domain ${this.domainName}, shared with the mesh accounts`, removalPolicy),
      handoffParameter(this, 'RootDomainUnitIdParameter', handoffParameterName(this.domainName, 'root-domain-unit-id'), this.rootDomainUnitId,
        `Root domain unit of ${this.domainName}, shared with the mesh accounts`, removalPolicy),
    ];
  }

  private defineShares() {
    const principals = Lazy.list({ produce: () => this.accounts });
    const allowExternalPrincipals = this.props.allowExternalPrincipals ?? false;
    const permission = this.props.sharePermission ?? DomainSharePermission.API_AND_PORTAL_ACCESS;
    const domainShare = new ram.CfnResourceShare(this, 'DomainShare', {
      name: Fn.join('-', ['DataZone', slug(this.domainName), this.domainId]),
      resourceArns: [this.domainArn],
      principals,
      permissionArns: [permission.permissionArn(Token.isUnresolved(this.stack.partition) ? undefined : this.stack.partition)],
      allowExternalPrincipals,
    });
    const handoffShare = new ram.CfnResourceShare(this, 'HandoffShare', {
      name: `cdk-data-mesh-${slug(this.domainName)}-handoff`,
      resourceArns: this.handoffParameters.map((p) => p.parameterArn),
      principals,
      allowExternalPrincipals,
    });
    const waiter = new ShareAssociationWaiter(this, 'AssociationWaiter', {
      resourceShareArns: () => [domainShare.attrArn, handoffShare.attrArn],
      principals: () => this.accounts,
      timeout: this.props.associationTimeout ?? Duration.minutes(10),
    });
    this.associationGroup.add(waiter.resource);
    return { domainShare, handoffShare };
  }
}

/** The name of a hand-off parameter of the domain `domainName`. */
export function handoffParameterName(domainName: string, name: string): string {
  return `${HANDOFF_PARAMETER_PREFIX}/${slug(domainName)}/${name}`;
}

function slug(domainName: string): string {
  return domainName.trim().replace(/\s+/g, '-');
}

function serviceRoleName(prefix: string, scope: Construct): string {
  return `${prefix}-${Names.uniqueResourceName(scope, { maxLength: 64 - prefix.length - 1 })}`;
}

function acknowledgeManagedPolicy(role: iam.Role, policy: string): void {
  acknowledge(role, managedPolicyFinding(`service-role/${policy}`),
    `SageMaker Unified Studio requires the AWS managed ${policy} on this role; AWS maintains it as the service changes.`);
}

function nameProblem(problems: InputProblems, name: string): void {
  if (isUnresolved(name)) {
    problems.add('domainName', name, 'the name must be a literal: member accounts find the shared domain by it', 'Pass a plain string.');
  } else if (name.length < 1 || name.length > 64 || !NAME_PATTERN.test(name)) {
    problems.add('domainName', name, 'a domain name has 1-64 letters, digits, _, - and spaces', 'Rename the domain, e.g. \'mesh\' or \'data mesh\'.');
  } else if (name.trim() === '') {
    problems.add('domainName', name, 'a domain name needs a letter, a digit, _ or -, not only spaces (the portal and member accounts find the domain by it)', 'Rename the domain, e.g. \'mesh\' or \'data mesh\'.');
  }
}

function validateProps(scope: Construct, props: CatalogDomainProps): void {
  const problems = new InputProblems(scope, 'CatalogDomain');
  nameProblem(problems, props.domainName);
  if (props.identityCenterInstanceArn !== undefined && !isUnresolved(props.identityCenterInstanceArn)
    && !/^arn:(aws|aws-us-gov|aws-cn|aws-iso|aws-iso-b):sso:::instance\/(sso)?ins-[a-zA-Z0-9-.]{16}$/.test(props.identityCenterInstanceArn)) {
    problems.add('identityCenterInstanceArn', props.identityCenterInstanceArn, 'expected arn:aws:sso:::instance/ssoins-<16 characters>', 'Copy the instance ARN from the IAM Identity Center settings.');
  }
  if (props.identityCenter === false && props.identityCenterInstanceArn !== undefined) {
    problems.add('identityCenterInstanceArn', props.identityCenterInstanceArn, 'it has no effect when identityCenter is false', 'Remove it, or turn identityCenter on.');
  }
  if (props.associationTimeout !== undefined) {
    const seconds = props.associationTimeout.toSeconds({ integral: false });
    if (!Number.isInteger(seconds) || seconds < 60 || seconds > MAX_HANDLER_WAIT.toSeconds()) {
      problems.add('associationTimeout', `${seconds} seconds`, `the deploy waits whole seconds, from 60 to ${MAX_HANDLER_WAIT.toSeconds()} (55 minutes): CloudFormation fails a custom resource after one hour`, 'Pass e.g. Duration.minutes(30).');
    }
  }
  problems.throwIfAny();
}

/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { Token } from 'aws-cdk-lib';
import { NagMessageLevel } from 'cdk-nag';
import { sharesDataZoneDomain } from './domain-share';
import { FUNCTION_BINDING_TYPE, TRUST_BINDING_TYPE } from '../../../contract';
import { IndexedResource, MeshIndex } from '../../mesh-index';
import { CouldNotEvaluate, fail, notApplicable, pass, RuleDefinition } from '../../rule';

/** What makes a stack a member-account mesh stack, in the order the rule picks the resource it reports on. */
const MEMBER_TYPES: Record<string, string> = {
  'AWS::DataZone::EnvironmentBlueprintConfiguration': 'blueprint configuration',
  'AWS::DataZone::DataSource': 'data source',
  'AWS::LakeFormation::Resource': 'Lake Formation registration',
  [TRUST_BINDING_TYPE]: 'consumer binding',
  [FUNCTION_BINDING_TYPE]: 'consumer binding',
};

/**
 * Every account whose stacks act in the mesh (enable blueprints, publish data, bind applications) is named
 * as a principal by a RAM share of the app's domain, when the domain is in another account.
 */
export const MEMBER_ACCOUNT_IS_ASSOCIATED: RuleDefinition = {
  id: 'RAM4',
  level: NagMessageLevel.ERROR,
  appliesTo: Object.keys(MEMBER_TYPES),
  checklist: 'Associate the producer and consumer accounts with the domain',
  info: 'A stack acts in the mesh (blueprint configurations, data sources, Lake Formation registrations or bound applications) from an account that no AWS RAM share of the app\'s domain names as a principal.',
  explanation: 'An account uses a domain of another account only once the domain is associated with it, which is an AWS RAM share of the domain\'s ARN naming the account (the seed\'s step 1; AWS\'s sample cloudformation/domain/create_resource_share.yaml in aws/Unified-Studio-for-Amazon-Sagemaker). Without it, the member stack\'s first DataZone call (PutEnvironmentBlueprintConfiguration, CreateDataSource) is refused at deploy: the domain is not visible to the account. Reported once per stack, on its first mesh resource. A domain defined outside this app is not checked (its shares are not in any template).',
  fix: 'Add the account to the Principals of the domain\'s AWS::RAM::ResourceShare (CatalogDomain.associateAccount, or ThreeAccountMesh does it for its producer and consumer), or deploy the stack in an associated account.',
  check: (resource, mesh) => {
    if (firstMemberResource(resource, mesh) !== resource) {
      return notApplicable(); // the stack is reported once, on its first mesh resource
    }
    const domains = mesh.allOfType('AWS::DataZone::Domain');
    if (domains.length === 0) {
      return notApplicable();
    }
    const account = resource.stack.account;
    if (Token.isUnresolved(account)) {
      throw new CouldNotEvaluate(`the account of stack ${resource.stack.stackName}, which holds ${MEMBER_TYPES[resource.type]} ${resource.logicalId}`);
    }
    const domainAccounts = domains.map((domain) => {
      if (Token.isUnresolved(domain.stack.account)) {
        throw new CouldNotEvaluate(`the account of stack ${domain.stack.stackName}, which holds domain ${domain.logicalId}`);
      }
      return domain.stack.account;
    });
    if (domainAccounts.includes(account)) {
      return notApplicable(); // the domain's own account needs no association
    }
    const unknown: string[] = [];
    const named: string[] = [];
    const sharesOfDomain: IndexedResource[] = [];
    for (const share of mesh.allOfType('AWS::RAM::ResourceShare')) {
      const shared = sharedDomain(share, mesh);
      if (shared === 'unknown') {
        unknown.push(`the ResourceArns of ${share.logicalId}`);
        continue;
      }
      if (!shared) {
        continue;
      }
      sharesOfDomain.push(share);
      const principals = share.properties.Principals;
      if (!Array.isArray(principals)) {
        if (principals !== undefined) {
          unknown.push(`the Principals of ${share.logicalId}`);
        }
        continue;
      }
      for (const principal of principals) {
        if (principal === account) {
          named.push(share.logicalId);
        } else if (typeof principal !== 'string') {
          unknown.push(`a principal of ${share.logicalId}`);
        } else if (/:organizations::/.test(principal)) {
          unknown.push(`whether account ${account} is in ${principal} (a principal of ${share.logicalId})`);
        }
      }
    }
    if (named.length > 0) {
      return pass();
    }
    if (unknown.length > 0) {
      throw new CouldNotEvaluate(`${unknown.join(', ')} (account ${account} is named by no other share of the domain)`);
    }
    const where = `stack ${resource.stack.stackName} in account ${account} (its ${MEMBER_TYPES[resource.type]} ${resource.logicalId})`;
    if (sharesOfDomain.length === 0) {
      return fail(`${where}, while domain ${domains.map((d) => d.logicalId).join(', ')} is in account ${[...new Set(domainAccounts)].join(', ')} and no AWS::RAM::ResourceShare in the app shares it; add a share of the domain's ARN naming ${account}`);
    }
    const listed = sharesOfDomain.map((s) => `${s.logicalId} names ${(s.properties.Principals ?? []).join(', ') || 'no principal'}`).join('; ');
    return fail(`${where}, which no share of the domain names (${listed}); add ${account} to the Principals`);
  },
};

/** The first resource, in `MEMBER_TYPES` order, that makes `resource`'s stack a member stack. */
function firstMemberResource(resource: IndexedResource, mesh: MeshIndex): IndexedResource | undefined {
  for (const type of Object.keys(MEMBER_TYPES)) {
    const first = mesh.ofType(resource.stack, type)[0];
    if (first) {
      return first;
    }
  }
  return undefined;
}

/** Whether a share's `ResourceArns` hold a DataZone domain (read as RAM1 to RAM3 read them): true, false, or 'unknown' for a value only known at deploy. */
function sharedDomain(share: IndexedResource, mesh: MeshIndex): boolean | 'unknown' {
  try {
    return sharesDataZoneDomain(share, mesh);
  } catch (e) {
    if (e instanceof CouldNotEvaluate) {
      return 'unknown';
    }
    throw e;
  }
}

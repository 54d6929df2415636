/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { NagMessageLevel } from 'cdk-nag';
import { IndexedResource, MeshIndex, referencedLogicalId } from '../../mesh-index';
import { CouldNotEvaluate, fail, notApplicable, pass, RuleDefinition } from '../../rule';

/** A domain that is shared with other accounts signs its users in through IAM Identity Center. */
export const SHARED_DOMAIN_USES_IDENTITY_CENTER: RuleDefinition = {
  id: 'DZ4',
  level: NagMessageLevel.ERROR,
  appliesTo: ['AWS::DataZone::Domain'],
  checklist: 'The governance account hosts a SageMaker Unified Studio domain with IAM Identity Center (multi-account association needs it)',
  info: 'The domain is shared with other accounts (an AWS::RAM::ResourceShare of its ARN) but does not sign in through IAM Identity Center (SingleSignOn.Type is not IAM_IDC).',
  explanation: 'The seed article states that multi-account association worked only for IAM Identity Center based domains when it was written, and CatalogDomain refuses the same combination ("associating accounts needs an IAM Identity Center domain"). SingleSignOn.Type is IAM_IDC or DISABLED (botocore DataZone AuthType); absent, the domain has no Identity Center sign-on. The associated accounts\' users then have no way into the portal, and the association the mesh is built on is not the documented setup.',
  fix: 'Set SingleSignOn: { Type: IAM_IDC, UserAssignment: AUTOMATIC | MANUAL } on the domain (CatalogDomain does by default), or share it with no account.',
  check: (domain, mesh) => {
    const shares = mesh.ofType(domain.stack, 'AWS::RAM::ResourceShare').filter((share) => sharesDomain(share, domain, mesh) && namesPrincipals(share));
    if (shares.length === 0) {
      return notApplicable();
    }
    const singleSignOn = domain.properties.SingleSignOn;
    const what = `SingleSignOn.Type of domain ${domain.logicalId}`;
    if (singleSignOn !== undefined && (typeof singleSignOn !== 'object' || Array.isArray(singleSignOn) || isIntrinsic(singleSignOn))) {
      throw new CouldNotEvaluate(what);
    }
    const type = singleSignOn?.Type;
    if (type !== undefined && typeof type !== 'string') {
      throw new CouldNotEvaluate(what);
    }
    if (type === 'IAM_IDC') {
      return pass();
    }
    const sharedBy = shares.map((s) => s.logicalId).join(', ');
    return fail(`${type === undefined ? 'no SingleSignOn.Type' : `SingleSignOn.Type ${type}`} on domain ${domain.logicalId}, shared with other accounts by ${sharedBy}; allowed for a shared domain: IAM_IDC`);
  },
};

/** True when `share`'s `ResourceArns` name `domain` (by reference, or a literal ARN in `Fn::Join`/`Fn::Sub` of its attribute). */
function sharesDomain(share: IndexedResource, domain: IndexedResource, mesh: MeshIndex): boolean {
  const arns = share.properties.ResourceArns;
  if (arns === undefined) {
    return false;
  }
  if (!Array.isArray(arns)) {
    throw new CouldNotEvaluate(`ResourceArns of resource share ${share.logicalId}`);
  }
  return arns.some((arn) => referencedLogicalId(arn) === domain.logicalId
    || (referencedLogicalId(arn) === undefined && JSON.stringify(arn).includes(`"${domain.logicalId}"`) && mesh.target(share, { Ref: domain.logicalId }) === domain));
}

/** False only for a share with a literal empty (or absent) Principals list, which associates nobody. */
function namesPrincipals(share: IndexedResource): boolean {
  const principals = share.properties.Principals;
  return principals !== undefined && !(Array.isArray(principals) && principals.length === 0);
}

function isIntrinsic(value: object): boolean {
  return Object.keys(value).some((k) => k === 'Ref' || k.startsWith('Fn::'));
}

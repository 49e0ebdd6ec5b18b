import { useParams } from 'react-router-dom';
import { OrgHome } from '../org/OrgHome';

/** /provider/:orgId: a provider organisation's home. Course and credential pages will hang off it. */
export function ProviderHomePage() {
  const { orgId = '' } = useParams();
  return <OrgHome kind="provider" orgId={orgId} />;
}

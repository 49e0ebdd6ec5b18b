import { useParams } from 'react-router-dom';
import { OrgHome } from '../org/OrgHome';

/** /employer/:orgId: an employer organisation's home. */
export function EmployerHomePage() {
  const { orgId = '' } = useParams();
  return <OrgHome kind="employer" orgId={orgId} />;
}

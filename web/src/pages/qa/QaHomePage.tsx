import { useParams } from 'react-router-dom';
import { OrgHome } from '../org/OrgHome';

/** /qa/:orgId: a quality assurance body's home. */
export function QaHomePage() {
  const { orgId = '' } = useParams();
  return <OrgHome kind="qa_body" orgId={orgId} />;
}

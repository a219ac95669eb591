/** The advisor workspace: the case queue and the case page (roles advisor and admin). */
export { Workspace } from './Workspace';
export { CasePage } from './CasePage';
export { MatchPreview } from './MatchPreview';

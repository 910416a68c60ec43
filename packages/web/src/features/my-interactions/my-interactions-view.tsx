/** My Interactions (being built): the live list of this user's interactions and the current one. */
export default function MyInteractionsView() {
  return <div data-testid="my-interactions">My Interactions</div>;
}

import { StrictMode } from "react";
import { RouterProvider } from "react-router";
import { createAppRouter } from "./router";

export { createAppRouter };

/** The whole app: the router, with i18n already started. */
export function App({ router }: { router: ReturnType<typeof createAppRouter> }) {
  return (
    <StrictMode>
      <RouterProvider router={router} />
    </StrictMode>
  );
}

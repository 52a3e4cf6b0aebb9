import { StrictMode } from "react";
import { RouterProvider } from "react-router";
import { createAppRouter } from "./router";

const router = createAppRouter();

/** The whole app: the router, with i18n already initialised on import. */
export function App() {
  return (
    <StrictMode>
      <RouterProvider router={router} />
    </StrictMode>
  );
}

import { type ActionFunctionArgs, type LoaderFunctionArgs, useLoaderData } from "react-router";
import { getMyPractices } from "@/features/my-practices/api/get-my-practices";
import { MyPracticesPage } from "@/features/my-practices/components/my-practices-page";
import { type SubmitResult, submitFromList } from "@/features/my-practices/submit-action";

/** Loads the user's own practices and proposed edits. */
export async function loader({ request }: LoaderFunctionArgs) {
  return { practices: await getMyPractices(request.signal) };
}

/** Sends one of them for review. */
export async function action({ request }: ActionFunctionArgs): Promise<SubmitResult> {
  return submitFromList(await request.formData(), request.signal);
}

/** "My practices" (loaded lazily, with the workflow strings). */
export function Component() {
  const { practices } = useLoaderData<typeof loader>();
  return <MyPracticesPage practices={practices} />;
}

"use server";
// Saves the district settings (site admins only), audited with before/after values.
import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/actions/safe-action";
import { districtSettingsSchema } from "@/lib/settings/district-settings-schema";
import { updateDistrictSettings } from "@/lib/settings/update-district-settings";
import { staffActorOf } from "@/lib/staff/staff-actor";

export const updateDistrictSettingsAction = staffAction(
  { schema: districtSettingsSchema, permission: "settings:manage" },
  async (input, ctx) => {
    const result = await updateDistrictSettings(staffActorOf(ctx), input);
    // Settings show up in every layout (district name, support phone): refresh them all.
    revalidatePath("/", "layout");
    return result;
  },
);

import { APP_ITSELF } from "../domain/actor.ts";
import type { Person } from "../domain/model.ts";
import type { GraphAccess } from "../graph/graph-client-factory.ts";
import { parseWith, withId } from "../graph/json.ts";
import { readAll } from "../graph/paging.ts";
import type { AppStore } from "../store/app-store.ts";
import {
  encodeCommittee,
  encodeContract,
  encodeDeficiency,
  encodeDeviation,
  encodeFollowUp,
  encodeKickoff,
  encodePlan,
  encodeProviderEntry,
} from "../store/mappers.ts";
import { odataString } from "../store/odata.ts";
import { provision } from "../store/provisioning.ts";
import { demoDataset, demoItem } from "./demo-data.ts";
import { DEMO_USERS, type DemoUser } from "./demo-people.ts";

/**
 * Loads the demonstration data into SharePoint through Graph: in local mode
 * also the demo users and the nämnder's Microsoft 365 groups. Runs only when
 * no nämnd exists yet, so a restart never duplicates anything.
 */

export interface SeedResult {
  seeded: boolean;
  counts: Record<string, number>;
}

async function ensureUsers(access: GraphAccess): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const user of Object.values(DEMO_USERS)) {
    const [existing] = await readAll(
      access,
      `/users?$filter=${encodeURIComponent(`userPrincipalName eq ${odataString(user.email)}`)}`,
      parseWith(withId),
    );
    const created =
      existing ??
      withId.parse(
        await access.client.api("/users").post({
          accountEnabled: true,
          displayName: user.name,
          mailNickname: user.email.split("@")[0],
          userPrincipalName: user.email,
          mail: user.email,
          jobTitle: user.jobTitle,
          passwordProfile: { password: "Lokal-demo-1!" },
        }),
      );
    ids.set(user.id, created.id);
  }
  return ids;
}

async function ensureGroup(
  access: GraphAccess,
  displayName: string,
  mailNickname: string,
  members: string[],
): Promise<string> {
  const [existing] = await readAll(
    access,
    `/groups?$filter=${encodeURIComponent(`mailNickname eq ${odataString(mailNickname)}`)}`,
    parseWith(withId),
  );
  const group =
    existing ??
    withId.parse(
      await access.client.api("/groups").post({
        displayName,
        mailNickname,
        mailEnabled: true,
        securityEnabled: false,
        groupTypes: ["Unified"],
      }),
    );
  const current = new Set(
    (await readAll(access, `/groups/${group.id}/members`, parseWith(withId))).map(
      (member) => member.id,
    ),
  );
  for (const member of members.filter((id) => !current.has(id))) {
    await access.client
      .api(`/groups/${group.id}/members/$ref`)
      .post({ "@odata.id": `https://graph.microsoft.com/v1.0/directoryObjects/${member}` });
  }
  return group.id;
}

export async function seedDemoData(
  store: AppStore,
  options: { today: string; createDirectory: boolean },
): Promise<SeedResult> {
  if (await store.hasCommittees()) return { seeded: false, counts: {} };
  const data = demoDataset(options.today);
  const access = store.access;

  const userIds = options.createDirectory ? await ensureUsers(access) : new Map<string, string>();
  const personId = (id: string) => userIds.get(id) ?? id;
  const mapPerson = (person: Person | undefined) =>
    person ? { ...person, id: personId(person.id) } : undefined;

  const groupIds = new Map<string, string>();
  if (options.createDirectory) {
    for (const committee of data.committees) {
      const members = Object.values<DemoUser>(DEMO_USERS)
        .filter((user) => user.memberOf.includes(committee.code))
        .map((user) => personId(user.id));
      groupIds.set(
        committee.code,
        await ensureGroup(access, committee.name, committee.code.toLowerCase(), members),
      );
    }
    const klkMembers = Object.values(DEMO_USERS)
      .filter((user) => user.klk)
      .map((user) => personId(user.id));
    const klkGroupId = await ensureGroup(access, "Kommunledningskontoret", "klk", klkMembers);
    await store.setSetting("klkGroupId", klkGroupId, APP_ITSELF);
  }
  await store.setSetting("municipalityName", data.municipality.name, APP_ITSELF);
  await store.setSetting("defaultPeriodKind", data.municipality.defaultPeriodKind, APP_ITSELF);
  await store.setSetting("noticeMonths", String(data.municipality.noticeMonths), APP_ITSELF);

  const committeeIds = await store.createMany(
    "committees",
    data.committees.map((committee) => ({
      key: committee.code,
      fields: encodeCommittee({
        ...committee,
        groupId: groupIds.get(committee.code) ?? "",
        secretaryIds: committee.secretaryIds.map(personId),
        // In local mode each nämnd's team has a General channel where the bot posts reminders.
        teamId: options.createDirectory ? (groupIds.get(committee.code) ?? "") : "",
        channelId: options.createDirectory
          ? `19:${committee.code.toLowerCase()}-allmant@thread.tacv2`
          : "",
      }),
    })),
    APP_ITSELF,
  );
  store.invalidate();
  // Each nämnd gets its document library now that it exists.
  await provision(access, store.site.replace(/^\/sites\//, ""));

  const committee = (code: string) => demoItem(committeeIds.get(code), `nämnd ${code}`);
  const contractIds = await store.createMany(
    "contracts",
    data.contracts.map((contract) => ({
      key: contract.id,
      fields: {
        ...encodeContract({
          ...contract,
          committeeId: committee(contract.committeeId),
          owner: { ...contract.owner, id: personId(contract.owner.id) },
        }),
        sharedWith: data.committees
          .filter((candidate) => contract.sharedWithCommitteeIds.includes(candidate.code))
          .map((candidate) => candidate.name)
          .join(", "),
      },
    })),
    APP_ITSELF,
  );
  const contract = (key: string) => demoItem(contractIds.get(key), `contract ${key}`);
  const shares = data.contracts.flatMap(
    (item) =>
      item.sharedWithCommitteeIds.map((code) => ({
        key: `${item.id}-${code}`,
        fields: {
          shareKey: `${contract(item.id)}|${committee(code)}`,
          contractLookupId: Number(contract(item.id)),
          committeeLookupId: Number(committee(code)),
        },
      })),
    APP_ITSELF,
  );
  await store.createMany("contractShares", shares, APP_ITSELF);
  await store.createMany(
    "plans",
    data.plans.map((plan) => ({
      key: plan.id,
      fields: encodePlan({ ...plan, committeeId: committee(plan.committeeId) }),
    })),
    APP_ITSELF,
  );
  await store.createMany(
    "kickoffs",
    data.kickoffs.map((meeting) => ({
      key: meeting.id,
      fields: encodeKickoff({
        ...meeting,
        contractId: contract(meeting.contractId),
        committeeId: committee(meeting.committeeId),
      }),
    })),
    APP_ITSELF,
  );
  const deviationIds = await store.createMany(
    "deviations",
    data.deviations.map((deviation) => ({
      key: deviation.id,
      fields: encodeDeviation({
        ...deviation,
        contractId: contract(deviation.contractId),
        committeeId: committee(deviation.committeeId),
      }),
    })),
    APP_ITSELF,
  );
  const followUpIds = await store.createMany(
    "followUps",
    data.followUps.map((followUp) => ({
      key: followUp.id,
      fields: encodeFollowUp({
        ...followUp,
        contractId: contract(followUp.contractId),
        committeeId: committee(followUp.committeeId),
      }),
    })),
    APP_ITSELF,
  );
  await store.createMany(
    "deficiencies",
    data.deficiencies.map((deficiency) => ({
      key: deficiency.id,
      fields: encodeDeficiency({
        ...deficiency,
        contractId: contract(deficiency.contractId),
        committeeId: committee(deficiency.committeeId),
        followUpId: deficiency.followUpId ? followUpIds.get(deficiency.followUpId) : undefined,
        deviationId: deficiency.deviationId ? deviationIds.get(deficiency.deviationId) : undefined,
        actionOwner: mapPerson(deficiency.actionOwner),
      }),
    })),
    APP_ITSELF,
  );
  await store.createMany(
    "providers",
    data.providers.map((entry) => ({ key: entry.orgNumber, fields: encodeProviderEntry(entry) })),
    APP_ITSELF,
  );
  store.invalidate();
  return {
    seeded: true,
    counts: {
      nämnder: data.committees.length,
      avtal: data.contracts.length,
      strategiska: data.contracts.filter((item) => item.strategic).length,
      uppföljningar: data.followUps.length,
      brister: data.deficiencies.length,
      användare: userIds.size,
    },
  };
}

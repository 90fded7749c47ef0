#include "hubduplicates.h"

#include "core/signingrules.h"
#include "hubnative.h"

#include <algorithm>
#include <future>
#include <string>
#include <unordered_set>

namespace kiosk::hub {

namespace {

struct Rule
{
    const char* column;
    const char* name;
    int keep;
};

// The kiosk's three rules (SignatureTable's), in the order they apply. The keys are in clear, or keyed tags in a sealed
// hub; empty when the signer gave no postcode or no email.
const Rule Rules[] = { { "name_postcode_key", "name and postcode", 1 }, { "email_name_key", "email and name", 1 },
    { "email_key", "beyond the emails' limit", SigningRules::MaxSignaturesPerEmail } };
constexpr int RuleCount = 3;

struct Member
{
    std::string id, stall, signedAt;
};
using Group = std::vector<Member>;

QString text(const std::string& s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

// The groups of one rule's key with more members than the rule keeps, each in the order the earliest is chosen by
// (time, then id). The key's index holds everything read here (petition, key, time, id, stall), in that order: one
// pass over it alone, with no sort and no look-up; a group's rows come together, and a row alone is dropped at once.
Result<std::vector<Group>> collect(HubDatabase& db, const Rule& rule)
{
    std::vector<Group> groups;
    std::string petition, key;
    Group current; // its first `used` members are the group being read; the rest are kept for their buffers
    std::size_t used = 0;
    const auto close = [&] {
        if (used > std::size_t(rule.keep))
            groups.emplace_back(current.begin(), current.begin() + std::ptrdiff_t(used));
        used = 0;
    };
    const QByteArray select = QByteArray("SELECT petition_id, ") + rule.column + ", id, stall_id, signed_at FROM "
        + "signatures WHERE " + rule.column + " <> '' ORDER BY petition_id, " + rule.column + ", signed_at, id";
    const VoidResult read = native::stream(db, select, 5, [&](const QByteArrayView* v) {
        const auto view = [](QByteArrayView b) { return std::string_view(b.data(), std::size_t(b.size())); };
        if (view(v[1]) != key || view(v[0]) != petition) {
            close();
            petition.assign(view(v[0]));
            key.assign(view(v[1]));
        }
        if (used == current.size())
            current.emplace_back();
        Member& m = current[used++];
        m.id.assign(view(v[2]));
        m.stall.assign(view(v[3]));
        m.signedAt.assign(view(v[4]));
    });
    if (!read)
        return read.failure();
    close();
    return groups;
}

} // namespace

Result<HubDuplicates::Outcome> HubDuplicates::mark(HubDatabase& db)
{
    const bool postgres = db.backend() == HubDatabase::Backend::PostgreSQL;
    HubTransaction transaction(db);
    if (!transaction.started())
        return transaction.started().failure();
    QSqlQuery q = db.query();
    // No import may add signatures until the marks are stored (SQLite's BEGIN IMMEDIATE holds the write lock already),
    // so that the second connection below reads what this transaction sees.
    if (postgres && !q.exec(QStringLiteral("LOCK TABLE signatures IN SHARE MODE")))
        return db.failFrom(q);
    // A purged signature has no keys left to compare: its marks (as a duplicate, or as the original of one) stand as
    // they were made, so that the counts stay. A signature whose mark stands may still be the earliest of its group
    // now (in the first rule), in the purged one's place; it is not marked twice.
    if (!q.exec(QStringLiteral("SELECT 1 FROM signatures WHERE removed = 'purged' LIMIT 1")))
        return db.failFrom(q);
    const bool anyPurged = q.next();
    // TRUNCATE leaves no dead rows behind in PostgreSQL, as DELETE would, run after run.
    if (!q.exec(!anyPurged
                ? (postgres ? QStringLiteral("TRUNCATE duplicates") : QStringLiteral("DELETE FROM duplicates"))
                : QStringLiteral("DELETE FROM duplicates WHERE NOT EXISTS (SELECT 1 FROM signatures s WHERE "
                                 "s.removed = 'purged' AND (s.id = duplicates.id OR s.id = "
                                 "duplicates.duplicate_of))")))
        return db.failFrom(q);
    std::unordered_set<std::string> standing;
    if (anyPurged) {
        if (!q.exec(QStringLiteral("SELECT id, duplicate_of FROM duplicates")))
            return db.failFrom(q);
        while (q.next()) {
            standing.insert(q.value(0).toString().toStdString());
            standing.insert(q.value(1).toString().toStdString());
        }
    }
    q.finish();
    // The three indexes are read at once: the first here, the other two on a second connection, on the other core.
    const QString location = db.location();
    std::future<Result<std::pair<std::vector<Group>, std::vector<Group>>>> others
        = std::async(std::launch::async, [location]() -> Result<std::pair<std::vector<Group>, std::vector<Group>>> {
              Result<std::unique_ptr<HubDatabase>> second = HubDatabase::open(location);
              if (!second)
                  return second.failure();
              Result<std::vector<Group>> byEmailAndName = collect(**second, Rules[1]);
              if (!byEmailAndName)
                  return byEmailAndName.failure();
              Result<std::vector<Group>> byEmail = collect(**second, Rules[2]);
              if (!byEmail)
                  return byEmail.failure();
              return std::make_pair(std::move(*byEmailAndName), std::move(*byEmail));
          });
    Result<std::vector<Group>> byName = collect(db, Rules[0]);
    Result<std::pair<std::vector<Group>, std::vector<Group>>> rest = others.get();
    if (!byName)
        return byName.failure();
    if (!rest)
        return rest.failure();
    const std::vector<Group>* groups[RuleCount] = { &*byName, &rest->first, &rest->second };

    // The rules in order: beyond the first `keep` members of a group, each is marked as a duplicate of the group's
    // earliest; a row an earlier rule marked no longer counts.
    struct Mark
    {
        const Member* row;
        const Member* original;
        int rule;
    };
    std::vector<Mark> marks;
    std::unordered_set<std::string_view> marked;
    qint64 counts[RuleCount] = { 0, 0, 0 };
    for (int r = 0; r < RuleCount; ++r) {
        for (const Group& group : *groups[r]) {
            const Member* first = nullptr;
            int kept = 0;
            for (const Member& m : group) {
                if (r > 0 && (marked.count(m.id) || standing.count(m.id)))
                    continue;
                if (kept < Rules[r].keep) {
                    if (kept++ == 0)
                        first = &m;
                    continue;
                }
                // Marked already, against a purged signature: its mark stands.
                if (standing.count(m.id))
                    continue;
                marks.push_back({ &m, first, r });
                marked.insert(m.id);
                ++counts[r];
            }
        }
    }
    std::vector<QByteArrayList> rows;
    rows.reserve(marks.size());
    for (const Mark& m : marks)
        rows.push_back({ QByteArray::fromStdString(m.row->id), QByteArray::fromStdString(m.original->id),
            QByteArray(Rules[m.rule].name) });
    if (const VoidResult stored = native::insertText(db, "duplicates", "id, duplicate_of, rule", rows); !stored)
        return stored.failure();
    if (const VoidResult c = transaction.commit(); !c)
        return c.failure();
    // The list, by the time each duplicate was signed.
    std::sort(marks.begin(), marks.end(), [](const Mark& a, const Mark& b) {
        return std::tie(a.row->signedAt, a.row->id) < std::tie(b.row->signedAt, b.row->id);
    });
    Outcome out;
    out.byNameAndPostcode = counts[0];
    out.byEmailAndName = counts[1];
    out.beyondEmailLimit = counts[2];
    out.marked.reserve(qsizetype(marks.size()));
    for (const Mark& m : marks)
        out.marked.append({ text(m.row->id), text(m.row->stall), text(m.row->signedAt), text(m.original->id),
            text(m.original->stall), text(m.original->signedAt) });
    return out;
}

} // namespace kiosk::hub

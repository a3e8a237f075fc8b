using Caravan.Core.Data;

namespace Caravan.Web.Tests.Infrastructure.Faults;

/// <summary>
/// What a node's data keeps whatever happened to its process or its database: each query counts the rows that break
/// one rule, and must count none after every crash and restart. SQL that reads the same on both engines.
/// </summary>
public static class Invariants
{
    private static readonly (string Rule, string Sql)[] Rules =
    [
        ("a case without exactly one opening event",
            "SELECT COUNT(*) FROM legal_case c WHERE (SELECT COUNT(*) FROM case_event e WHERE e.case_id = c.id AND e.kind = 'Opened') <> 1"),
        ("a case event without its case",
            "SELECT COUNT(*) FROM case_event e WHERE NOT EXISTS (SELECT 1 FROM legal_case c WHERE c.id = e.case_id)"),
        ("a case without the audit entry of its opening",
            "SELECT COUNT(*) FROM legal_case c WHERE NOT EXISTS (SELECT 1 FROM audit_entry a WHERE a.entity_type = 'LegalCase' AND LOWER(a.entity_id) = LOWER(CAST(c.id AS TEXT)))"),
        ("cases and their CaseOpened facts differ in number",
            "SELECT ABS((SELECT COUNT(*) FROM legal_case) - (SELECT COUNT(*) FROM fact WHERE kind = 'CaseOpened'))"),
        ("two cases from one submitted form",
            "SELECT COUNT(*) FROM (SELECT submission_key FROM legal_case WHERE submission_key IS NOT NULL GROUP BY submission_key HAVING COUNT(*) > 1) d"),
        ("an import whose committed rows do not add up",
            "SELECT COUNT(*) FROM registry_import WHERE rows_imported + rows_failed <> last_row"),
        ("an import whose persons differ from its count",
            "SELECT COUNT(*) FROM registry_import i WHERE (SELECT COUNT(*) FROM person p WHERE p.import_id = i.id) <> i.rows_imported"),
        ("one passport written twice by one import",
            "SELECT COUNT(*) FROM (SELECT import_id, document_hash FROM person WHERE import_id IS NOT NULL AND document_hash IS NOT NULL GROUP BY import_id, document_hash HAVING COUNT(*) > 1) d"),
        ("more than one fold watermark",
            "SELECT CASE WHEN COUNT(*) > 1 THEN COUNT(*) ELSE 0 END FROM stat_fold_state"),
    ];

    /// <summary>Every rule broken, with how many rows break it; empty when the data is whole.</summary>
    public static async Task<List<string>> BrokenAsync(FaultNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var broken = new List<string>();
        foreach (var (rule, sql) in Rules)
        {
            if (await node.CountAsync(sql) is var n and > 0)
            {
                broken.Add($"{rule}: {n}");
            }
        }

        broken.AddRange(await StorageAsync(node));
        return broken;
    }

    /// <summary>
    /// The storage itself: SQLite's integrity and foreign-key checks; on PostgreSQL, amcheck over every B-tree index of
    /// the node's tables with their rows (each heap row found in each index), which crash recovery must leave whole.
    /// </summary>
    private static async Task<List<string>> StorageAsync(FaultNode node)
    {
        if (node.Provider == DatabaseProvider.Sqlite)
        {
            var integrity = await node.RowsAsync("PRAGMA integrity_check");
            var foreignKeys = await node.RowsAsync("PRAGMA foreign_key_check");
            // The durability the node is documented with (docs/operations.md): WAL, and a commit synced (FULL = 2).
            var mode = (await node.RowsAsync("PRAGMA journal_mode")).Single();
            var synchronous = (await node.RowsAsync("PRAGMA synchronous")).Single();
            return
            [
                .. integrity.Where(r => r != "ok").Select(r => "integrity_check: " + r),
                .. foreignKeys.Select(r => "foreign_key_check: " + r),
                .. mode == "wal" ? Array.Empty<string>() : ["journal_mode is " + mode + ", not wal"],
                .. synchronous == "2" ? Array.Empty<string>() : ["synchronous is " + synchronous + ", not FULL (2)"],
            ];
        }

        await node.CountAsync("CREATE EXTENSION IF NOT EXISTS amcheck; SELECT 0");
        var checkedIndexes = await node.CountAsync("""
            SELECT COUNT(bt_index_check(index => c.oid, heapallindexed => true))
            FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE am.amname = 'btree' AND n.nspname = 'public' AND c.relpersistence <> 't' AND i.indisready AND i.indisvalid
            """);
        return checkedIndexes > 0 ? [] : ["amcheck found no index to check"];
    }
}

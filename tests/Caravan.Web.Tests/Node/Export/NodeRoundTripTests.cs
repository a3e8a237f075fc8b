using Caravan.Core.Audit;
using Caravan.Core.Cases;
using Caravan.Core.Data;
using Caravan.Core.Identity;
using Caravan.Core.Migrants;
using Caravan.Core.Node.Export;
using Caravan.Core.Statistics.Datasets;
using Caravan.Core.Vacancies;
using Caravan.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caravan.Web.Tests.Node.Export;

/// <summary>Vendor exit: a demo node goes SQLite → PostgreSQL → SQLite through exports and keeps every row.</summary>
public class NodeRoundTripTests(ExportNodes nodes) : IClassFixture<ExportNodes>
{
    [Fact]
    public async Task Sqlite_to_Postgres_to_Sqlite_keeps_every_row_of_every_table_and_the_restored_node_reads_its_encrypted_data()
    {
        var (source, records) = await nodes.SourceAsync(DatabaseProvider.Sqlite);
        var first = nodes.NewFolder("export-sqlite");
        var exported = await ExportNodes.ExportAsync(source, first);

        var postgres = nodes.Empty(DatabaseProvider.Postgres);
        var imported = await ExportNodes.ImportAsync(postgres, first);
        imported.Rows.ShouldBe(exported.Rows);
        imported.Documents.ShouldBe(1);
        var second = nodes.NewFolder("export-postgres");
        await ExportNodes.ExportAsync(postgres, second);

        var sqlite = nodes.Empty(DatabaseProvider.Sqlite);
        await ExportNodes.ImportAsync(sqlite, second);
        var third = nodes.NewFolder("export-sqlite-again");
        await ExportNodes.ExportAsync(sqlite, third);

        var one = ExportNodes.ReadTables(first);
        var two = ExportNodes.ReadTables(second);
        var three = ExportNodes.ReadTables(third);
        one.Count.ShouldBe(exported.Tables);
        two.Keys.Order().ShouldBe(one.Keys.Order());
        three.Keys.Order().ShouldBe(one.Keys.Order());
        var audit = await postgres.WithDbAsync(ctx => Task.FromResult(ctx.Model.FindEntityType(typeof(AuditEntry))!.GetTableName()!));
        foreach (var table in one.Keys.Where(t => t != audit))
        {
            two[table].ShouldBe(one[table], $"table {table}, PostgreSQL");
            three[table].ShouldBe(one[table], $"table {table}, SQLite again");
        }

        // The trail goes on: each restore adds exactly its own import entry to everything it received.
        two[audit].Except(one[audit]).Count().ShouldBe(1);
        two[audit].Except(one[audit]).Single().ShouldContain(NodeExportAudit.Import);
        one[audit].Except(two[audit]).ShouldBeEmpty();
        three[audit].Except(two[audit]).Count().ShouldBe(1);
        two[audit].Except(three[audit]).ShouldBeEmpty();
        // The source held a person with history and reads, cases with a narrative and an attachment (plus the header row).
        one["person"].Count.ShouldBe(2);
        one["legal_case"].Count.ShouldBe(3);
        one["case_attachment"].Count.ShouldBe(2);
        one["person_change"].Count.ShouldBe(1 + await source.WithDbAsync(db => db.Set<PersonChange>().CountAsync()));
        one["person_change"].ShouldContain(row => row.Contains("|FamilyName|", StringComparison.Ordinal) && row.Contains("Каримова", StringComparison.Ordinal));
        one["person_access_log"].Count.ShouldBe(3); // the officer's view of the record and reveal of the number

        // The documents travel too, byte for byte.
        foreach (var folder in new[] { second, third })
        {
            Directory.GetFiles(Path.Combine(folder, NodeExporter.DocumentsFolder)).Select(Path.GetFileName).Order()
                .ShouldBe(Directory.GetFiles(Path.Combine(first, NodeExporter.DocumentsFolder)).Select(Path.GetFileName).Order());
        }

        foreach (var node in new[] { postgres, sqlite })
        {
            await RestoredNodeWorksAsync(node, source, records);
        }
    }

    /// <summary>The same key ring opens what the source encrypted; search, sign-in and identity columns carry on.</summary>
    private static async Task RestoredNodeWorksAsync(CaravanApp node, CaravanApp source, NodeRecords records)
    {
        var label = node.Provider.ToString();
        await node.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<CaravanDbContext>();
            var sensitive = sp.GetRequiredService<SensitiveData>();
            var person = await db.Set<Person>().SingleAsync(p => p.DocumentHash == sensitive.LookupHash(records.DocumentNumber.ToLowerInvariant()));
            person.Reference.ShouldBe(records.PersonReference, label);
            sensitive.Unprotect(person.DocumentCipher!).ShouldBe(records.DocumentNumber, label);
            person.Languages.Select(l => l.Code).ShouldBe(["uz", "ru"], label);
            person.Occupations.ShouldBe(["7212"], label);

            var opened = (await sp.GetRequiredService<CaseFiles>().ByReferenceAsync(records.CaseReference))!;
            sensitive.Unprotect(opened.NarrativeCipher).ShouldBe(records.Narrative, label);
            var attachmentId = await db.Set<CaseAttachment>().Where(a => a.CaseId == opened.Id).Select(a => a.Id).SingleAsync();
            (await sp.GetRequiredService<CaseAttachments>().ReadAttachmentAsync(opened, attachmentId))!.Value.Content.ShouldBe(records.Attachment, label);

            var users = sp.GetRequiredService<UserManager<CaravanUser>>();
            var officer = (await users.FindByEmailAsync(DemoAccounts.OfficerEmail))!;
            (await users.CheckPasswordAsync(officer, "Demo-Caravan-2026!")).ShouldBeTrue(label);
            (await users.IsInRoleAsync(officer, Roles.Officer)).ShouldBeTrue(label);

            // Identity columns go on after the imported rows (PostgreSQL sequences are reset by the import).
            var version = await db.Set<StatObservation>().Select(o => o.VersionId).FirstAsync();
            db.Add(new StatObservation { VersionId = version, Date = new DateOnly(2030, 1, 1), Origin = "UZ", Region = "_T", Destination = "RU", Sex = "_T", AgeBand = "_T", Value = 1 });
            await db.SaveChangesAsync();
            return 0;
        });

        // Vacancy search (FTS5 on SQLite, trigram indexes on PostgreSQL) finds what it found on the source.
        var word = await source.WithDbAsync(db => db.Set<Vacancy>().Where(v => v.Status == VacancyStatus.Published).Select(v => v.Title).FirstAsync());
        var filter = new VacancyFilter(null, null, 1, 20) { Query = word.Split(' ')[0] };
        var expected = await source.WithScopeAsync(sp => sp.GetRequiredService<VacancyQueries>().PublishedAsync(filter));
        expected.Total.ShouldBeGreaterThan(0);
        var found = await node.WithScopeAsync(sp => sp.GetRequiredService<VacancyQueries>().PublishedAsync(filter));
        found.Items.Select(v => v.Reference).ShouldBe(expected.Items.Select(v => v.Reference), label);
    }
}

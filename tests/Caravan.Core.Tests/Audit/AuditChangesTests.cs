using System.Text.Json;
using Caravan.Core.Audit;
using Caravan.Core.Data;
using Caravan.Core.Vacancies;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Tests.Audit;

public class AuditChangesTests
{
    /// <summary>Only the model is used; no connection is ever opened.</summary>
    private static CaravanDbContext ModelOnly()
    {
        var options = new DbContextOptionsBuilder<CaravanDbContext>();
        DataServiceCollectionExtensions.Configure(options, DatabaseProvider.Sqlite, "Data Source=model-only.db");
        return new CaravanDbContext(options.Options);
    }

    [Fact]
    public void A_bulk_created_entry_is_the_text_the_interceptor_writes_for_the_same_new_row()
    {
        using var db = ModelOnly();
        var type = db.Model.FindEntityType(typeof(Vacancy))!;
        var vacancy = new Vacancy
        {
            Reference = "VAC-100001",
            IscoCode = "7212",
            Title = "Сварщик \"MIG\" <n/a>",
            Description = "Welding; wages 2,400,000 KRW",
            DestinationCountry = "KR",
            City = "Ansan",
            WageAmount = 2_400_000.50m,
            WageCurrency = "KRW",
            WageUsdCents = 180_000,
            ApplicationDeadline = new DateOnly(2027, 1, 31),
            SubmittedAt = new DateTime(2026, 12, 5, 10, 0, 0, DateTimeKind.Utc),
            Status = VacancyStatus.PendingApproval,
        };

        var entry = AuditChanges.Created(type, vacancy, new SystemAuditActor(), DateTime.UtcNow);

        // The interceptor's way: a dictionary of every property from null to its current value, serialized.
        var expected = AuditChanges.Serialize(type.GetProperties().Where(p => AuditChanges.IsAudited(p.Name)).ToDictionary(
            p => p.Name, p => AuditChanges.Change(p, null, p.PropertyInfo!.GetValue(vacancy)), StringComparer.Ordinal));
        entry.Changes.ShouldBe(expected);
        entry.EntityId.ShouldBe(vacancy.Id.ToString());
        entry.Action.ShouldBe(AuditAction.Create);
        using var json = JsonDocument.Parse(entry.Changes);
        json.RootElement.GetProperty("Status").GetProperty("to").GetString().ShouldBe("PendingApproval");
        json.RootElement.GetProperty("Title").GetProperty("to").GetString().ShouldBe("Сварщик \"MIG\" <n/a>");
        json.RootElement.GetProperty("ApplicationDeadline").GetProperty("to").GetString().ShouldBe("2027-01-31");
        json.RootElement.GetProperty("WageAmount").GetProperty("to").GetDecimal().ShouldBe(2_400_000.50m);
        // The search key is made from the title, texts and codes the entry holds already.
        json.RootElement.TryGetProperty("SearchKey", out _).ShouldBeFalse();
    }

    [Fact]
    public void Personal_fields_are_masked_in_a_bulk_created_entry_too()
    {
        using var db = ModelOnly();
        var type = db.Model.FindEntityType(typeof(Caravan.Core.Identity.CaravanUser))!;
        var user = new Caravan.Core.Identity.CaravanUser { UserName = "officer@example.org", Email = "officer@example.org", PhoneNumber = "+998901234567", DisplayName = "Officer" };
        var entry = AuditChanges.Created(type, user, new SystemAuditActor(), DateTime.UtcNow);
        entry.Changes.ShouldNotContain("officer@example.org");
        entry.Changes.ShouldNotContain("+998901234567");
        using var json = JsonDocument.Parse(entry.Changes);
        json.RootElement.GetProperty("Email").GetProperty("to").GetString().ShouldBe(AuditChanges.Masked);
    }
}

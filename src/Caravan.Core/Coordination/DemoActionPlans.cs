using Caravan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Coordination;

/// <summary>
/// The demo hub's plan: a joint 2026 Uzbekistan–Kazakhstan action plan, written in Russian, the working language of
/// the two ministries' joint commission. Fictional, like every demo record; seeded on a demo hub only.
/// </summary>
public sealed class DemoActionPlans(CaravanDbContext db, TimeProvider time)
{
    public const string Code = "UZ-KZ-2026";

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        if (await db.Set<ActionPlan>().AnyAsync(p => p.Code == Code, cancellationToken))
        {
            return;
        }

        var now = time.GetUtcNow().UtcDateTime;
        PlanActivity Activity(string code, string title, DateOnly deadline, string uzLead, string kzLead, PlanStatus uz, PlanStatus kz) => new()
        {
            Code = code,
            Title = title,
            Deadline = deadline,
            Parts =
            [
                new() { Country = "UZ", Lead = uzLead, Status = uz, UpdatedAt = now },
                new() { Country = "KZ", Lead = kzLead, Status = kz, UpdatedAt = now },
            ],
        };
        const string UzMinistry = "Министерство занятости и сокращения бедности Республики Узбекистан";
        const string KzMinistry = "Министерство труда и социальной защиты населения Республики Казахстан";
        const string UzAgency = "Агентство внешней трудовой миграции";
        db.Add(new ActionPlan
        {
            Code = Code,
            Title = "Совместный план действий на 2026 год по реализации Соглашения между Республикой Узбекистан и Республикой Казахстан о трудовой деятельности и защите прав трудящихся-мигрантов",
            Parties = "KZ,UZ",
            Year = 2026,
            UpdatedAt = now,
            Activities =
            [
                Activity("1.1", "Обмен сведениями о лицензиях частных агентств занятости через узлы Caravan", new DateOnly(2026, 6, 30), UzAgency, KzMinistry, PlanStatus.Done, PlanStatus.Done),
                Activity("1.2", "Регистрация трудоустройства граждан Узбекистана в Казахстане с уведомлением страны происхождения", new DateOnly(2026, 9, 30), UzAgency, KzMinistry, PlanStatus.InProgress, PlanStatus.InProgress),
                Activity("2.1", "Единая программа предвыездной подготовки для работы в Казахстане", new DateOnly(2026, 10, 31), UzMinistry, KzMinistry, PlanStatus.InProgress, PlanStatus.Planned),
                Activity("3.1", "Совместные проверки работодателей в строительстве и сельском хозяйстве", new DateOnly(2026, 11, 30), UzMinistry, "Комитет государственной инспекции труда", PlanStatus.Delayed, PlanStatus.InProgress),
                Activity("4.1", "Передача обращений трудящихся-мигрантов из консульств в органы инспекции труда", new DateOnly(2026, 12, 31), "Министерство иностранных дел Республики Узбекистан", "Комитет государственной инспекции труда", PlanStatus.InProgress, PlanStatus.InProgress),
            ],
            Indicators =
            [
                new() { Code = "I1", Title = "Трудоустройство граждан Узбекистана, зарегистрированное в Казахстане", Unit = "человек", Baseline = 0, Target = 5000, Linked = "employment_registered_abroad" },
                new() { Code = "I2", Title = "Выезды на работу за рубеж через лицензированные агентства", Unit = "человек", Baseline = 0, Target = 20000, Linked = "departures" },
                new() { Code = "I3", Title = "Совместные проверки работодателей", Unit = "проверок", Baseline = 0, Target = 12, Values = [new() { Country = "KZ", Actual = 5, On = new DateOnly(2026, 10, 1), UpdatedAt = now }] },
            ],
            Recommendations =
            [
                new()
                {
                    Code = "R1",
                    Meeting = "Региональное координационное совещание, Алматы, октябрь 2026 года",
                    Text = "Ограничить сборы с трудящихся-мигрантов за трудоустройство и публиковать рейтинги агентств.",
                    FollowUps = [new() { Country = "UZ", Status = PlanStatus.InProgress, UpdatedAt = now }, new() { Country = "KZ", Status = PlanStatus.Planned, UpdatedAt = now }],
                },
                new()
                {
                    Code = "R2",
                    Meeting = "Региональное координационное совещание, Алматы, октябрь 2026 года",
                    Text = "Признавать сертификаты предвыездной подготовки, выданные другой стороной, при найме.",
                    FollowUps = [new() { Country = "UZ", Status = PlanStatus.Planned, UpdatedAt = now }, new() { Country = "KZ", Status = PlanStatus.Planned, UpdatedAt = now }],
                },
            ],
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}

using Caravan.Core.Agencies;
using Caravan.Core.Cases;
using Caravan.Core.Identity;
using Caravan.Core.Reference;
using Caravan.Core.Vacancies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Data;

/// <summary>
/// Fictional but realistic data for a demo node. Idempotent: it does nothing when the first demo agency exists,
/// so a restart never duplicates it.
/// </summary>
public sealed class DemoSeeder(CaravanDbContext db, UserManager<CaravanUser> users, TimeProvider time)
{
    private const string FirstAgencyRegistration = "DEMO-305112870";

    private static readonly (string Name, string Registration, string Region, string[] Destinations)[] AgencySeeds =
    [
        ("Silk Road Recruitment LLC", FirstAgencyRegistration, "UZ-TK", ["RU", "KZ"]),
        ("Samarkand Labour Bridge LLC", "DEMO-305998411", "UZ-SA", ["KZ", "KR"]),
        ("Fergana Valley Workforce Partners", "DEMO-306450023", "UZ-FA", ["TR", "AE", "KR"]),
    ];

    // Agencies whose licences are no longer valid, so the public register shows every status.
    private static readonly (string Name, string Registration, string Region, LicenceStatus Status, int Months)[] LapsedAgencySeeds =
    [
        ("Navoi Overseas Jobs LLC", "DEMO-307112345", "UZ-NW", LicenceStatus.Suspended, 2),
        ("Bukhara Global Staffing", "DEMO-307554321", "UZ-BU", LicenceStatus.Revoked, 0),
        ("Khorezm Employment Service", "DEMO-308001122", "UZ-XO", LicenceStatus.Expired, -4),
    ];

    private static readonly (string Name, string Country, string RegistrationId, string Sector, int Agency)[] EmployerSeeds =
    [
        ("Volga Construction Group", "RU", "RU-7701234567", "Construction", 0),
        ("Kazan Logistics Terminal", "RU", "RU-1655012345", "Transport and storage", 0),
        ("Almaty Agro Holding", "KZ", "KZ-180340012345", "Agriculture", 1),
        ("Gyeonggi Precision Manufacturing", "KR", "KR-124-81-00998", "Manufacturing", 1),
        ("Anatolia Textile Works", "TR", "TR-0123456789", "Manufacturing", 2),
        ("Gulf Hospitality Services", "AE", "AE-CN-1234567", "Accommodation and food", 2),

        // Blacklisted after workers' complaints; it has no vacancies, and any new one naming it is stopped.
        ("Northern Shift Contracting", "RU", "RU-7709999999", "Construction", 0),
    ];

    // ISCO unit group, title, destination, city, employer index, monthly gross wage, currency.
    private static readonly (string Isco, string Title, string Country, string City, int Employer, decimal Wage, string Currency)[] VacancySeeds =
    [
        ("7112", "Bricklayer", "RU", "Moscow", 0, 95000m, "RUB"),
        ("7115", "Carpenter (formwork)", "RU", "Moscow", 0, 98000m, "RUB"),
        ("7114", "Concrete worker", "RU", "Tver", 0, 85000m, "RUB"),
        ("9313", "Construction labourer", "RU", "Moscow", 0, 72000m, "RUB"),
        ("7126", "Plumber", "RU", "Saint Petersburg", 0, 105000m, "RUB"),
        ("7411", "Building electrician", "RU", "Saint Petersburg", 0, 110000m, "RUB"),
        ("8332", "Heavy truck driver", "RU", "Kazan", 1, 120000m, "RUB"),
        ("4321", "Warehouse stock clerk", "RU", "Kazan", 1, 68000m, "RUB"),
        ("8344", "Forklift operator", "RU", "Kazan", 1, 80000m, "RUB"),
        ("9333", "Loader", "RU", "Yekaterinburg", 1, 65000m, "RUB"),
        ("6111", "Vegetable grower", "KZ", "Almaty", 2, 280000m, "KZT"),
        ("9211", "Crop farm labourer", "KZ", "Almaty Region", 2, 230000m, "KZT"),
        ("8341", "Tractor driver", "KZ", "Taldykorgan", 2, 330000m, "KZT"),
        ("6121", "Livestock worker", "KZ", "Kostanay", 2, 250000m, "KZT"),
        ("7233", "Agricultural machinery mechanic", "KZ", "Astana", 2, 380000m, "KZT"),
        ("7212", "Welder", "KR", "Ansan", 3, 2450000m, "KRW"),
        ("8211", "Assembly line worker (machinery)", "KR", "Hwaseong", 3, 2200000m, "KRW"),
        ("7223", "CNC machine setter", "KR", "Suwon", 3, 2600000m, "KRW"),
        ("8142", "Plastic products machine operator", "KR", "Pyeongtaek", 3, 2250000m, "KRW"),
        ("9329", "Manufacturing labourer", "KR", "Gimpo", 3, 2200000m, "KRW"),
        ("8153", "Sewing machine operator", "TR", "Istanbul", 4, 36000m, "TRY"),
        ("7531", "Tailor", "TR", "Bursa", 4, 38000m, "TRY"),
        ("8151", "Spinning machine operator", "TR", "Denizli", 4, 35500m, "TRY"),
        ("7318", "Textile quality inspector", "TR", "Istanbul", 4, 41000m, "TRY"),
        ("5120", "Cook", "AE", "Dubai", 5, 3200m, "AED"),
        ("5131", "Waiter", "AE", "Dubai", 5, 2600m, "AED"),
        ("9112", "Hotel cleaner", "AE", "Abu Dhabi", 5, 2200m, "AED"),
        ("5151", "Housekeeping supervisor", "AE", "Abu Dhabi", 5, 4500m, "AED"),
        ("9412", "Kitchen helper", "AE", "Sharjah", 5, 2100m, "AED"),
        ("4224", "Hotel receptionist", "AE", "Dubai", 5, 4000m, "AED"),
    ];

    /// <summary>
    /// Demo data goes only into a node that is empty or already a demo: a database holding real agencies, persons,
    /// cases or staff is never mixed with fictional ones, whatever the settings say.
    /// </summary>
    public async Task<bool> MaySeedAsync(CancellationToken cancellationToken = default)
    {
        if (await db.Set<Agency>().AnyAsync(a => a.RegistrationNumber == FirstAgencyRegistration, cancellationToken))
        {
            return true;
        }

        return !await db.Set<Agency>().AnyAsync(cancellationToken)
            && !await db.Set<Migrants.Person>().AnyAsync(cancellationToken)
            && !await db.Set<LegalCase>().AnyAsync(cancellationToken)
            && !await db.Users.AnyAsync(u => !u.IsDemo, cancellationToken);
    }

    /// <summary>
    /// A demo hub holds no personal data and no country's registries: only its administrator and the secretariat's
    /// officer, who see what the demo countries publish to it.
    /// </summary>
    public async Task SeedHubAsync(DemoOptions options, string country)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (await users.FindByEmailAsync(DemoAccounts.SecretariatEmail) is not null)
        {
            return;
        }

        await CreateStaffAsync(DemoAccounts.AdminEmail, "Demo hub administrator", Roles.Admin, null, options, country: country);
        await CreateStaffAsync(DemoAccounts.SecretariatEmail, "Demo regional secretariat", Roles.Secretariat, null, options, country: country);
    }

    public async Task SeedAsync(DemoOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (await db.Set<Agency>().AnyAsync(a => a.RegistrationNumber == FirstAgencyRegistration, cancellationToken))
        {
            return;
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var now = time.GetUtcNow().UtcDateTime;
        var agencies = AgencySeeds.Select((a, i) => new Agency
        {
            Name = a.Name,
            RegistrationNumber = a.Registration,
            LicenceNumber = ReferenceCode.Create("LIC", 100 + i),
            LicenceStatus = LicenceStatus.Valid,
            LicenceValidUntil = today.AddYears(3),
            CountryCode = "UZ",
            RegionCode = a.Region,
            Destinations = a.Destinations.Select(d => new AgencyDestination { CountryCode = d }).ToList(),
        }).ToList();
        var lapsed = LapsedAgencySeeds.Select((a, i) => new Agency
        {
            Name = a.Name,
            RegistrationNumber = a.Registration,
            LicenceNumber = ReferenceCode.Create("LIC", 200 + i),
            LicenceStatus = a.Status,
            LicenceValidUntil = a.Status == LicenceStatus.Expired ? today.AddMonths(a.Months) : today.AddYears(1),
            SuspendedUntil = a.Status == LicenceStatus.Suspended ? today.AddMonths(a.Months) : null,
            CountryCode = "UZ",
            RegionCode = a.Region,
            Destinations = [new AgencyDestination { CountryCode = "RU" }],
        }).ToList();
        var employers = EmployerSeeds.Select(e => new ForeignEmployer
        {
            Name = e.Name,
            CountryCode = e.Country,
            RegistrationId = e.RegistrationId,
            Sector = e.Sector,
            AgencyId = agencies[e.Agency].Id,
            Status = e.Name.StartsWith("Northern", StringComparison.Ordinal) ? EmployerStatus.Blacklisted : EmployerStatus.Verified,
            StatusReason = e.Name.StartsWith("Northern", StringComparison.Ordinal) ? "Unpaid wages to 14 workers (demo record)." : null,
        }).ToList();
        var vacancies = VacancySeeds.Select((v, i) => new Vacancy
        {
            Reference = ReferenceCode.Create("VAC", 1000 + i),
            AgencyId = employers[v.Employer].AgencyId,
            EmployerId = employers[v.Employer].Id,
            IscoCode = v.Isco,
            Title = v.Title,
            Description = $"{v.Title} for {employers[v.Employer].Name} in {v.City}. Written contract in Russian and Uzbek, " +
                "wages paid monthly to a bank card, employer-paid medical insurance. No fees are charged to the worker.",
            DestinationCountry = v.Country,
            City = v.City,
            Positions = 5 + (i * 7 % 40),
            WageAmount = v.Wage,
            WageCurrency = v.Currency,
            HoursPerWeek = v.Country is "KR" ? 52 : v.Country is "AE" ? 48 : 40,
            ContractMonths = v.Country is "KR" ? 34 : 12,
            HousingProvided = i % 3 != 0,
            MealsProvided = i % 2 == 0,
            TransportProvided = i % 4 != 1,
            ApplicationDeadline = today.AddDays(20 + i),
            Status = VacancyStatus.Published,
            PublishedAt = now.AddHours(-i),
            TextLanguage = "en",
            // The node's readers are Uzbek and Russian speakers: each demo vacancy speaks to them in their language.
            Translations = [.. DemoVacancyTexts.Languages.Select(language => new VacancyTranslation
            {
                Language = language,
                Title = DemoVacancyTexts.Titles[v.Isco][language],
                Description = DemoVacancyTexts.Description(language, DemoVacancyTexts.Titles[v.Isco][language], employers[v.Employer].Name, v.City),
            })],
        }).ToList();
        vacancies.ForEach(v => v.RefreshSearchKey());

        var rates = await new RateTable(db).RatesAsync(cancellationToken);
        foreach (var v in vacancies)
        {
            v.WageUsdCents = VacancyWages.ToCents(v.WageAmount, v.WageCurrency, rates);
        }

        db.AddRange(agencies);
        db.AddRange(lapsed);
        db.AddRange(employers);
        db.AddRange(vacancies);
        db.AddRange(vacancies.Select(v => Statistics.FactWriter.ForVacancy(v, Statistics.FactKind.VacancyPublished, v.PublishedAt!.Value, now)));
        await db.SaveChangesAsync(cancellationToken);

        await CreateStaffAsync(DemoAccounts.AdminEmail, "Demo Administrator", Roles.Admin, null, options);
        var officer = await CreateStaffAsync(DemoAccounts.OfficerEmail, "Demo Ministry Officer", Roles.Officer, null, options);
        var consul = await CreateStaffAsync(DemoAccounts.ConsularEmail, "Demo Consular Officer", Roles.ConsularOfficer, null, options);
        var lead = await CreateStaffAsync(DemoAccounts.ConsularLeadEmail, "Demo Consular Supervisor", Roles.ConsularOfficer, null, options, DemoAccounts.ConsularLeadPhone);
        var hotline = await CreateStaffAsync(DemoAccounts.HotlineEmail, "Demo Hotline Operator", Roles.HotlineOperator, null, options);
        // Case teams: a consulate per main destination city, the home legal-aid team and the hotline.
        db.AddRange(
            new CaseTeam { Name = "Consulate General in Moscow", Kind = TeamKind.Consulate, CountryCode = "RU", City = "Moscow", Members = [new() { UserId = consul.Id }, new() { UserId = lead.Id, IsSupervisor = true }] },
            new CaseTeam { Name = "Consulate General in Almaty", Kind = TeamKind.Consulate, CountryCode = "KZ", City = "Almaty", Members = [new() { UserId = lead.Id, IsSupervisor = true }] },
            new CaseTeam { Name = "Legal aid team, Tashkent", Kind = TeamKind.LegalAid, CountryCode = "UZ", City = "Tashkent", Members = [new() { UserId = officer.Id, IsSupervisor = true }] },
            new CaseTeam { Name = "Migrant hotline", Kind = TeamKind.Hotline, CountryCode = "UZ", City = "Tashkent", Members = [new() { UserId = hotline.Id }, new() { UserId = officer.Id, IsSupervisor = true }] });
        await db.SaveChangesAsync(cancellationToken);
        await CreateStaffAsync(DemoAccounts.AnalystEmail, "Demo Analyst", Roles.Analyst, null, options);
        await CreateStaffAsync(DemoAccounts.TrainerEmail, "Demo Trainer", Roles.Trainer, null, options);
        await CreateStaffAsync(DemoAccounts.AgencyEmail, "Demo Agency Staff", Roles.AgencyStaff, agencies[0].Id, options);
        await CreateStaffAsync(DemoAccounts.OtherAgencyEmail, "Demo Agency Staff (second agency)", Roles.AgencyStaff, agencies[1].Id, options);

        var migrant = new CaravanUser
        {
            UserName = DemoAccounts.MigrantPhone,
            PhoneNumber = DemoAccounts.MigrantPhone,
            PhoneNumberConfirmed = true,
            DisplayName = "Demo Migrant",
            CountryCode = "UZ",
            IsDemo = true,
        };
        Check(await users.CreateAsync(migrant));
        Check(await users.AddToRoleAsync(migrant, Roles.Migrant));
    }

    private async Task<CaravanUser> CreateStaffAsync(string email, string name, string role, Guid? agencyId, DemoOptions options, string? phone = null, string country = "UZ")
    {
        var user = new CaravanUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = name,
            AgencyId = agencyId,
            CountryCode = country,
            IsDemo = true,
            PhoneNumber = phone,
        };
        Check(await users.CreateAsync(user, options.StaffPassword));
        Check(await users.AddToRoleAsync(user, role));
        return user;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Demo seed failed: " + string.Join("; ", result.Errors.Select(e => e.Code)));
        }
    }
}

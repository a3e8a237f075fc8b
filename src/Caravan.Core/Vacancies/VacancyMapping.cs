using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caravan.Core.Vacancies;

internal sealed class VacancyMapping : IEntityTypeConfiguration<Vacancy>
{
    public const string ReferenceIndex = "ux_vacancies_reference";
    public const string PublicListIndex = "ix_vacancies_status_published_at";
    public const string DestinationIndex = "ix_vacancies_status_destination_wage";
    public const string IscoIndex = "ix_vacancies_status_isco_code_wage";
    public const string WageIndex = "ix_vacancies_status_wage_usd_cents";

    /// <summary>PostgreSQL's GIN index over the search tokens of published vacancies, made by hand in the SearchTokens migration.</summary>
    public const string SearchTermsIndex = "ix_vacancies_search_terms";
    public const string DestinationNewestIndex = "ix_vacancies_status_destination_published";
    public const string AgencyReferenceIndex = "ux_vacancies_agency_id_agency_reference";
    public const string StatusIndex = "ix_vacancies_status";

    /// <summary>
    /// The search and matching indexes hold published vacancies only: a bulk upload's rows wait for approval, and
    /// keeping five indexes for them cost about half of their insert (docs/performance.md, issue 15). Queries name the
    /// status as this literal, so both engines see that the index applies.
    /// </summary>
    public const string PublishedOnly = "status = 'Published'";

    public void Configure(EntityTypeBuilder<Vacancy> builder)
    {
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Reference).HasMaxLength(20);
        builder.Property(v => v.IscoCode).HasMaxLength(4);
        builder.Property(v => v.Title).HasMaxLength(200);
        builder.Property(v => v.Description).HasMaxLength(4000);
        // Read through the property, which makes the key when its inputs changed; the field is only its cache.
        builder.Property(v => v.SearchKey).HasMaxLength(Vacancy.MaxSearchKeyLength).UsePropertyAccessMode(PropertyAccessMode.Property);
        builder.Property(v => v.TextLanguage).HasMaxLength(10);
        builder.Property(v => v.RequiredLanguages).HasMaxLength(300);
        builder.Property(v => v.RequiredSkills).HasMaxLength(1000);
        builder.Property(v => v.AgencyReference).HasMaxLength(60);
        builder.Property(v => v.ReviewNote).HasMaxLength(VacancyCommands.MaxReasonLength);
        builder.HasIndex(v => new { v.AgencyId, v.AgencyReference }).IsUnique().HasDatabaseName(AgencyReferenceIndex);
        builder.HasMany(v => v.Costs).WithOne().HasForeignKey(c => c.VacancyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(v => v.Translations).WithOne().HasForeignKey(t => t.VacancyId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(v => v.DestinationCountry).HasMaxLength(2);
        builder.Property(v => v.City).HasMaxLength(100);
        builder.Property(v => v.ClosedReason).HasMaxLength(VacancyCommands.MaxReasonLength);
        builder.Property(v => v.WageCurrency).HasMaxLength(3);
        builder.Property(v => v.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(v => v.Reference).IsUnique().HasDatabaseName(ReferenceIndex);
        builder.HasIndex(v => new { v.Status, v.PublishedAt }).HasDatabaseName(PublicListIndex).HasFilter(PublishedOnly);
        // Every other status (the approval queue, an agency's closed vacancies) by this one.
        builder.HasIndex(v => v.Status).HasDatabaseName(StatusIndex);
        // A destination's newest first: the order a broad search reads in before it asks the token index (VacancySearch).
        builder.HasIndex(v => new { v.Status, v.DestinationCountry, v.PublishedAt }).IsDescending(false, false, true).HasDatabaseName(DestinationNewestIndex).HasFilter(PublishedOnly);
        // Status, then destination or occupation, for the search's filters; the wage order after them lets matching read the
        // best-paid published vacancies of one occupation or destination and stop at its cap (VacancyMatcher). Status
        // leads so that PostgreSQL prefers these to walking (status, wage) and filtering: that plan read 650,000 rows for
        // a destination whose wages are the lowest (docs/performance.md, issue 15).
        builder.HasIndex(v => new { v.Status, v.DestinationCountry, v.WageUsdCents, v.PublishedAt }).IsDescending(false, false, true, true).HasDatabaseName(DestinationIndex).HasFilter(PublishedOnly);
        // Text search is "words in the text OR an occupation whose title matches"; both sides need an index for the OR to use them.
        builder.HasIndex(v => new { v.Status, v.IscoCode, v.WageUsdCents, v.PublishedAt }).IsDescending(false, false, true, true).HasDatabaseName(IscoIndex).HasFilter(PublishedOnly);
        builder.HasIndex(v => new { v.Status, v.WageUsdCents }).HasDatabaseName(WageIndex).HasFilter(PublishedOnly);
        builder.Property(v => v.FeeFree).HasDefaultValue(true);
        builder.HasOne(v => v.Agency).WithMany().HasForeignKey(v => v.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(v => v.Employer).WithMany().HasForeignKey(v => v.EmployerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class VacancyCostMapping : IEntityTypeConfiguration<VacancyCost>
{
    public void Configure(EntityTypeBuilder<VacancyCost> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Item).HasMaxLength(120);
        builder.Property(c => c.Currency).HasMaxLength(3);
    }
}

internal sealed class VacancyTranslationMapping : IEntityTypeConfiguration<VacancyTranslation>
{
    public void Configure(EntityTypeBuilder<VacancyTranslation> builder)
    {
        builder.HasKey(t => new { t.VacancyId, t.Language });
        builder.Property(t => t.Language).HasMaxLength(10);
        builder.Property(t => t.Title).HasMaxLength(200);
        builder.Property(t => t.Description).HasMaxLength(4000);
    }
}

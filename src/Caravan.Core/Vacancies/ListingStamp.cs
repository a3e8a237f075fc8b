using Caravan.Core.Agencies;
using Caravan.Core.Reference;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caravan.Core.Vacancies;

/// <summary>
/// One row whose value changes in the same transaction as anything the public vacancy list shows: a vacancy, its
/// translation or costs, an agency (its licence), an employer or an exchange rate. A cached list is used only under
/// the stamp it was read with (<see cref="VacancyListingCache"/>), so every replica of a node sees a change as soon as
/// it reads the stamp again.
/// </summary>
public sealed class ListingStamp : Data.IChangeStamp
{
    public const int RowId = 1;

    public int Id { get; set; }

    public Guid Value { get; set; }

    /// <summary>What the public list reads. A change to any other type leaves cached lists as they are.</summary>
    internal static bool Affects(Type type) =>
        type == typeof(Vacancy) || type == typeof(VacancyTranslation) || type == typeof(VacancyCost)
        || type == typeof(Agency) || type == typeof(ForeignEmployer) || type == typeof(ExchangeRate);
}

internal sealed class ListingStampMapping : IEntityTypeConfiguration<ListingStamp>
{
    public void Configure(EntityTypeBuilder<ListingStamp> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.HasData(new ListingStamp { Id = ListingStamp.RowId, Value = Guid.Empty });
    }
}

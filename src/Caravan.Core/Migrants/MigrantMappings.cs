using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caravan.Core.Migrants;

internal sealed class PersonMapping : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> builder)
    {
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Reference).HasMaxLength(20);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(10);
        builder.Property(p => p.Channel).HasConversion<string>().HasMaxLength(10);
        builder.Property(p => p.Phone).HasMaxLength(20);
        builder.Property(p => p.MessageCulture).HasMaxLength(10);
        builder.Property(p => p.GivenName).HasMaxLength(PersonInput.MaxNameLength);
        builder.Property(p => p.FamilyName).HasMaxLength(PersonInput.MaxNameLength);
        builder.Property(p => p.Patronymic).HasMaxLength(PersonInput.MaxNameLength);
        builder.Property(p => p.GivenKey).HasMaxLength(PersonInput.MaxNameLength * 2);
        builder.Property(p => p.FamilyKey).HasMaxLength(PersonInput.MaxNameLength * 2);
        builder.Property(p => p.PatronymicKey).HasMaxLength(PersonInput.MaxNameLength * 2);
        builder.Property(p => p.Sex).HasConversion<string>().HasMaxLength(6);
        builder.Property(p => p.Citizenship).HasMaxLength(2);
        builder.Property(p => p.RegionCode).HasMaxLength(10);
        builder.Property(p => p.DocumentCipher).HasMaxLength(1000);
        builder.Property(p => p.DocumentHash).HasMaxLength(64);
        builder.Property(p => p.DocumentHint).HasMaxLength(40);
        builder.Property(p => p.Education).HasConversion<string>().HasMaxLength(20);
        builder.OwnsMany(p => p.Languages, b => b.ToJson());
        builder.OwnsMany(p => p.WorkHistory, b => b.ToJson());
        builder.HasIndex(p => p.Reference).IsUnique();
        // Duplicate candidates at registration are found by birth date (a year is a date range), by document or by name prefix.
        builder.HasIndex(p => p.BirthDate);
        // Name search uses the prefix indexes of the PostgreSQL migration; an import only filters by import in memory.
        // Most rows have no account, no merge and many no phone or document: partial indexes skip them, which keeps
        // a million-row import from writing index entries nobody looks up (docs/performance.md, issue 4).
        builder.HasIndex(p => p.DocumentHash).HasFilter("document_hash IS NOT NULL");
        builder.HasIndex(p => p.UserId).HasFilter("user_id IS NOT NULL");
        builder.HasIndex(p => p.Phone).HasFilter("phone IS NOT NULL");
        builder.HasIndex(p => p.MergedIntoId).HasFilter("merged_into_id IS NOT NULL");
    }
}

internal sealed class PersonChangeMapping : IEntityTypeConfiguration<PersonChange>
{
    public void Configure(EntityTypeBuilder<PersonChange> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.ByRole).HasMaxLength(40);
        builder.Property(c => c.Field).HasMaxLength(40);
        builder.Property(c => c.OldValue).HasMaxLength(2000);
        builder.Property(c => c.NewValue).HasMaxLength(2000);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.ReviewNote).HasMaxLength(1000);
        builder.HasIndex(c => new { c.PersonId, c.At });
        builder.HasIndex(c => c.Status);
        builder.HasOne<Person>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ConsentMapping : IEntityTypeConfiguration<Consent>
{
    public void Configure(EntityTypeBuilder<Consent> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Purpose).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.NoticeVersion).HasMaxLength(20);
        builder.Property(c => c.NoticeLanguage).HasMaxLength(10);
        builder.Property(c => c.NoticeText).HasMaxLength(4000);
        builder.Property(c => c.GivenBy).HasMaxLength(200);
        builder.Ignore(c => c.IsActive);
        builder.HasIndex(c => new { c.PersonId, c.Purpose });
        builder.HasOne<Person>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PersonAccessMapping : IEntityTypeConfiguration<PersonAccess>
{
    public void Configure(EntityTypeBuilder<PersonAccess> builder)
    {
        builder.ToTable("person_access_log");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Action).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.ActorName).HasMaxLength(200);
        builder.Property(a => a.ActorRole).HasMaxLength(40);
        builder.Property(a => a.Organisation).HasMaxLength(200);
        builder.Property(a => a.Reason).HasMaxLength(40);
        builder.HasIndex(a => new { a.PersonId, a.At });
        builder.HasOne<Person>().WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DepartureMapping : IEntityTypeConfiguration<Departure>
{
    public void Configure(EntityTypeBuilder<Departure> builder)
    {
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Destination).HasMaxLength(2);
        builder.Property(d => d.City).HasMaxLength(100);
        builder.Property(d => d.EmployerName).HasMaxLength(200);
        builder.Property(d => d.Occupation).HasMaxLength(4);
        builder.Property(d => d.Currency).HasMaxLength(3);
        builder.Property(d => d.RecordedBy).HasConversion<string>().HasMaxLength(10);
        builder.OwnsMany(d => d.Costs, b => b.ToJson());
        builder.HasIndex(d => new { d.PersonId, d.DepartureDate });
        builder.HasIndex(d => d.AgencyId);
        builder.HasOne<Person>().WithMany().HasForeignKey(d => d.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PersonReturnMapping : IEntityTypeConfiguration<PersonReturn>
{
    public void Configure(EntityTypeBuilder<PersonReturn> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Reason).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.CountryFrom).HasMaxLength(2);
        builder.Property(r => r.RecordedBy).HasConversion<string>().HasMaxLength(10);
        builder.HasIndex(r => new { r.PersonId, r.ReturnDate });
        builder.HasIndex(r => r.DepartureId).IsUnique();
        builder.HasOne<Person>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DuplicateCandidateMapping : IEntityTypeConfiguration<DuplicateCandidate>
{
    public void Configure(EntityTypeBuilder<DuplicateCandidate> builder)
    {
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(10);
        builder.HasIndex(d => new { d.Status, d.FoundAt });
        builder.HasIndex(d => new { d.KeepId, d.OtherId }).IsUnique();
        builder.HasOne<Person>().WithMany().HasForeignKey(d => d.KeepId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(d => d.OtherId).OnDelete(DeleteBehavior.Restrict);
    }
}

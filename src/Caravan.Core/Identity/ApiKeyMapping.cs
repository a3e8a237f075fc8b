using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caravan.Core.Identity;

internal sealed class ApiKeyMapping : IEntityTypeConfiguration<ApiKey>
{
    public const string SecretHashIndex = "ux_api_keys_secret_hash";

    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Name).HasMaxLength(120);
        builder.Property(k => k.Prefix).HasMaxLength(16);
        builder.Property(k => k.SecretHash).HasMaxLength(64);
        builder.Property(k => k.PartnerNode).HasMaxLength(2);
        builder.HasIndex(k => k.SecretHash).IsUnique().HasDatabaseName(SecretHashIndex);
    }
}

internal sealed class CaravanUserMapping : IEntityTypeConfiguration<CaravanUser>
{
    public void Configure(EntityTypeBuilder<CaravanUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(200);
        builder.Property(u => u.CountryCode).HasMaxLength(2);
        // Only OneUseAuthenticatorTokenProvider's conditional UPDATE writes it. Identity saves a user by writing every
        // column of the copy it loaded, so a request that loaded the account before a code was accepted would otherwise
        // put the older step back and let that code be used again.
        builder.Property(u => u.AuthenticatorStep).Metadata.SetAfterSaveBehavior(PropertySaveBehavior.Ignore);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caravan.Core.Identity.Staff;

/// <summary>
/// A one-time link that lets a new staff member set their password. The link's token is Identity's own user token
/// (bound to the account's security stamp); this row adds what a person needs to be told: when it expires, whether it
/// was used, and who sent it.
/// </summary>
public sealed class StaffInvitation
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid UserId { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? UsedAt { get; set; }

    /// <summary>Set when a newer invitation replaced this one, or the account was switched off.</summary>
    public DateTime? WithdrawnAt { get; set; }

    public Guid? InvitedById { get; set; }
}

/// <summary>The node's rule on two-step sign-in for staff. No row means the default: required in Production.</summary>
public sealed class StaffPolicy
{
    public int Id { get; set; } = 1;

    public bool RequireTwoFactor { get; set; }

    public DateTime ChangedAt { get; set; }
}

internal sealed class StaffInvitationMapping : IEntityTypeConfiguration<StaffInvitation>
{
    public void Configure(EntityTypeBuilder<StaffInvitation> builder)
    {
        builder.ToTable("staff_invitations");
        builder.HasIndex(i => i.UserId);
        builder.HasOne<CaravanUser>().WithMany().HasForeignKey(i => i.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StaffPolicyMapping : IEntityTypeConfiguration<StaffPolicy>
{
    public void Configure(EntityTypeBuilder<StaffPolicy> builder)
    {
        builder.ToTable("staff_policy");
        builder.Property(p => p.Id).ValueGeneratedNever();
    }
}

using Caravan.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.IdentityModel.Tokens;

namespace Caravan.Core.Exchange;

/// <summary>
/// One row whose value changes in the same transaction as any change to the trust list (a partner, a key, a flow).
/// A cached trust list is used only while the stamp still reads as it was loaded with, so a revoked key or a changed
/// flow applies to the very next message on every replica: one read by primary key instead of three table reads.
/// </summary>
public sealed class TrustListStamp : IChangeStamp
{
    public const int RowId = 1;

    public int Id { get; set; }

    public Guid Value { get; set; }

    internal static bool Affects(Type type) => type == typeof(PartnerNode) || type == typeof(PartnerKey) || type == typeof(PartnerFlow);

    /// <summary>For a bulk statement that changed the trust list outside the change tracker (ExecuteUpdate, ExecuteDelete).</summary>
    public static Task<int> TouchAsync(CaravanDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var value = Guid.NewGuid();
        return db.Set<TrustListStamp>().Where(s => s.Id == RowId).ExecuteUpdateAsync(u => u.SetProperty(s => s.Value, value), cancellationToken);
    }
}

internal sealed class TrustListStampMapping : IEntityTypeConfiguration<TrustListStamp>
{
    public void Configure(EntityTypeBuilder<TrustListStamp> builder)
    {
        builder.ToTable("trust_list_stamp");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.HasData(new TrustListStamp { Id = TrustListStamp.RowId, Value = Guid.Empty });
    }
}

/// <summary>Writes a new <see cref="TrustListStamp"/> with every save that changes the trust list, in the same transaction.</summary>
public sealed class TrustListStampInterceptor() : ChangeStampInterceptor<TrustListStamp>(TrustListStamp.RowId, TrustListStamp.Affects);

/// <summary>
/// The trust list as this process last read it, with each key parsed once: every key with its partner, each partner,
/// and every allowed flow each way. Shared between requests, so nothing in it may be changed.
/// </summary>
internal sealed class TrustSnapshot
{
    public sealed record KeyEntry(PartnerKey Key, PartnerNode Partner, JsonWebKey SecurityKey);

    private HashSet<(Guid, FlowDirection, MessageType, ExchangePurpose)> flows = [];

    public Dictionary<string, KeyEntry> Keys { get; } = new(StringComparer.Ordinal);

    public Dictionary<Guid, PartnerNode> Partners { get; private set; } = [];

    public bool Allows(Guid partnerId, FlowDirection direction, MessageType type, ExchangePurpose purpose) => flows.Contains((partnerId, direction, type, purpose));

    public static async Task<TrustSnapshot> LoadAsync(CaravanDbContext db, CancellationToken cancellationToken)
    {
        var snapshot = new TrustSnapshot { Partners = await db.Set<PartnerNode>().AsNoTracking().ToDictionaryAsync(p => p.Id, cancellationToken) };
        foreach (var key in await db.Set<PartnerKey>().AsNoTracking().ToListAsync(cancellationToken))
        {
            if (snapshot.Partners.TryGetValue(key.PartnerId, out var partner))
            {
                snapshot.Keys[key.KeyId] = new KeyEntry(key, partner, new JsonWebKey(key.PublicJwk) { KeyId = key.KeyId });
            }
        }

        snapshot.flows = (await db.Set<PartnerFlow>().AsNoTracking().ToListAsync(cancellationToken))
            .Select(f => (f.PartnerId, f.Direction, f.Type, f.Purpose)).ToHashSet();
        return snapshot;
    }
}

/// <summary>Keeps the last <see cref="TrustSnapshot"/> under the stamp it was read with; one per process.</summary>
public sealed class TrustListCache
{
    private Entry? current;

    internal async Task<TrustSnapshot> GetAsync(CaravanDbContext db, CancellationToken cancellationToken)
    {
        // The stamp is read before the list: a change committed in between is loaded again at the next read.
        var stamp = await db.Set<TrustListStamp>().AsNoTracking().Where(s => s.Id == TrustListStamp.RowId).Select(s => s.Value).FirstOrDefaultAsync(cancellationToken);
        if (Volatile.Read(ref current) is { } cached && cached.Stamp == stamp)
        {
            return cached.Snapshot;
        }

        var snapshot = await TrustSnapshot.LoadAsync(db, cancellationToken);
        Volatile.Write(ref current, new Entry(stamp, snapshot));
        return snapshot;
    }

    private sealed record Entry(Guid Stamp, TrustSnapshot Snapshot);
}

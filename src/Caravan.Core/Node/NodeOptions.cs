using System.ComponentModel.DataAnnotations;

namespace Caravan.Core.Node;

/// <summary>What a node is for: one country's registries, or the regional secretariat's hub of aggregates.</summary>
public enum NodeRole
{
    Country,

    /// <summary>
    /// The regional hub: it receives disclosure-protected aggregate tables and shared action plans from the country
    /// nodes and holds no personal data. Pages and endpoints over people are closed on it.
    /// </summary>
    Hub,
}

/// <summary>Who this node is. A country node serves one country's registries; a hub serves the region's secretariat.</summary>
public sealed class NodeOptions
{
    public const string Section = "Node";

    public NodeRole Role { get; set; } = NodeRole.Country;

    public bool IsHub => Role == NodeRole.Hub;

    /// <summary>ISO 3166-1 alpha-2 code of the country that runs this node.</summary>
    [Required]
    [RegularExpression("^[A-Z]{2}$")]
    public string Country { get; set; } = "UZ";

    [Required]
    [StringLength(120, MinimumLength = 2)]
    public string DisplayName { get; set; } = "Caravan";

    /// <summary>The UI language used when the visitor has not chosen one.</summary>
    [Required]
    public string DefaultCulture { get; set; } = "uz";

    /// <summary>
    /// The address people reach the node at, for links sent by e-mail or printed by the command line (invitations).
    /// Behind a load balancer this is the public https address, not a replica's.
    /// </summary>
    public Uri PublicUrl { get; set; } = new("http://localhost:5000/");

    /// <summary>The node's hotline for citizens abroad, printed on departure cards; none is printed while unset.</summary>
    [StringLength(40)]
    public string? Hotline { get; set; }

    /// <summary>The consulate or embassy for citizens in each destination (ISO alpha-2 → name, address and phone), printed on departure cards.</summary>
    public Dictionary<string, string> Consulates { get; set; } = new(StringComparer.Ordinal);
}

using System.ComponentModel.DataAnnotations;

namespace Caravan.Core.Node;

/// <summary>Who this node is. Every node serves one country's registries.</summary>
public sealed class NodeOptions
{
    public const string Section = "Node";

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

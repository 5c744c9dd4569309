namespace Tidegate.Lua.Library.Cjson;

/// <summary>Which lua-cjson a module table behaves as.</summary>
public enum CjsonFlavor
{
    /// <summary>
    /// lua-cjson 2.1.0 as Debian ships it (the engine's differential oracle): its functions, defaults
    /// and ranges exactly, nothing more.
    /// </summary>
    LuaCjson21,

    /// <summary>
    /// OpenResty's fork (lua-cjson 2.1.0.10, as OpenResty 1.21 bundles it): 2.1.0 plus
    /// encode_empty_table_as_object, empty_array, array_mt, empty_array_mt, decode_array_with_array_mt,
    /// encode_escape_forward_slash, and encode_number_precision up to 16.
    /// </summary>
    OpenResty,
}

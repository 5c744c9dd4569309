-- what every setting function returns with no argument (the defaults) and after changes
local cjson = require "cjson"
print(cjson.encode_sparse_array())
print(cjson.encode_max_depth(), cjson.decode_max_depth(), cjson.encode_number_precision())
print(cjson.encode_keep_buffer(), cjson.encode_invalid_numbers(), cjson.decode_invalid_numbers())
print(cjson.encode_sparse_array(true, 5, 20))
print(cjson.encode_sparse_array())
print(cjson.encode_sparse_array(nil, nil, 3))
print(cjson.encode_max_depth(nil), cjson.encode_max_depth(77), cjson.encode_max_depth())
print(cjson.encode_invalid_numbers("null"), cjson.encode_invalid_numbers(), cjson.encode_invalid_numbers(true))
print(cjson.decode_invalid_numbers("off"), cjson.decode_invalid_numbers(), cjson.decode_invalid_numbers(1 == 1))
print(select("#", cjson.encode_sparse_array()), select("#", cjson.encode_max_depth()))

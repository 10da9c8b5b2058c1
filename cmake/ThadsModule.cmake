# thads_add_module(NAME): the libraries of the module in src/modules/NAME,
# called from its own CMakeLists.txt.
#
# - thads_module_NAME: an OBJECT library of its *.cc, domain/, store/ and
#   app/ (so that its registration, a static initialiser in module.cc, is
#   linked into every program that links the module), on thads_core;
# - thads_module_NAME_http: its web part (http/*.cc: routes, handlers), on
#   thads_http, only when the web layer is built and the folder has sources.
# Both are appended to the global THADS_MODULES property, which the programs
# link. Its tests (tests/*.cc) are compiled into thads_tests by the top
# CMakeLists. A module adds its own dependencies to thads_module_NAME after
# the call.
function(thads_add_module name)
  set(dir ${CMAKE_CURRENT_SOURCE_DIR})
  file(GLOB src CONFIGURE_DEPENDS ${dir}/*.cc ${dir}/domain/*.cc ${dir}/store/*.cc ${dir}/app/*.cc)
  add_library(thads_module_${name} OBJECT ${src})
  target_compile_options(thads_module_${name} PRIVATE ${THADS_WARNINGS})
  target_link_libraries(thads_module_${name} PUBLIC thads_core)
  set_property(GLOBAL APPEND PROPERTY THADS_MODULES thads_module_${name})
  if(TARGET thads_http)
    file(GLOB http_src CONFIGURE_DEPENDS ${dir}/http/*.cc)
    if(http_src)
      add_library(thads_module_${name}_http OBJECT ${http_src})
      target_compile_options(thads_module_${name}_http PRIVATE ${THADS_WARNINGS})
      target_link_libraries(thads_module_${name}_http PUBLIC thads_http)
      set_property(GLOBAL APPEND PROPERTY THADS_MODULES thads_module_${name}_http)
    endif()
  endif()
endfunction()

# aic_library(NAME SOURCES ... DEPS ...): a static library of one component, with the public
# include/ folder and src/ on its include path.
# The product's interface is include/ (exported by every library); src/ holds private headers,
# seen only by the project's own targets through aic_private_headers (never exported).
add_library(aic_private_headers INTERFACE)
target_include_directories(aic_private_headers INTERFACE ${PROJECT_SOURCE_DIR}/src)

function(aic_library name)
  cmake_parse_arguments(A "" "" "SOURCES;DEPS" ${ARGN})
  add_library(${name} STATIC ${A_SOURCES})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR}/include)
  target_link_libraries(${name} PUBLIC ${A_DEPS} PRIVATE aic_private_headers)
endfunction()

# aic_test(NAME SOURCES ... DEPS ... [LABELS ...]): a GoogleTest executable registered with CTest.
# Tests get AIC_TESTDATA_DIR, AIC_SHARED_DIR, AIC_SOURCE_DIR and AIC_BINARY (the CLI) as macros.
function(aic_test name)
  if(NOT AIC_BUILD_TESTS)
    return()
  endif()
  cmake_parse_arguments(T "" "" "SOURCES;DEPS;LABELS" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE ${T_DEPS} aic_private_headers GTest::gtest_main
    GTest::gmock)
  target_compile_definitions(${name} PRIVATE
    AIC_TESTDATA_DIR="${AIC_SHARED_DIR}/testdata"
    AIC_SHARED_DIR="${AIC_SHARED_DIR}"
    AIC_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    AIC_BINARY_DIR="${PROJECT_BINARY_DIR}")
  if(NOT T_LABELS)
    set(T_LABELS unit)
  endif()
  gtest_discover_tests(${name} DISCOVERY_MODE PRE_TEST DISCOVERY_TIMEOUT 60
    PROPERTIES LABELS "${T_LABELS}")
endfunction()
